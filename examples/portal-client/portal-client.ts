// A sample portal client: submits a dossier with a client generated from docs/openapi.json
// (openapi-typescript's types + openapi-fetch), receives the service's status webhook on a small
// local HTTP receiver, verifies its Standard Webhooks signature and prints the status.
//
//   DVC_URL=http://localhost:3000 DVC_TOKEN=<an integration token> PORTAL_WEBHOOK_SECRET=<the service's> \
//     RECEIVER_PORT=4000 npm run example:portal-client
//
// The service must deliver to this receiver: start it with PORTAL_WEBHOOK_URL=http://127.0.0.1:4000/
// and the same PORTAL_WEBHOOK_SECRET. `npm run examples:types` regenerates ./openapi.d.ts from
// docs/openapi.json (npm run docs:openapi does both).
import { createServer, type Server } from 'node:http';
import createClient from 'openapi-fetch';
import { type PortalStatusMessage, verifyPortalWebhook } from '../verify-portal-webhook';
import type { components, paths } from './openapi';

export type Submission = components['schemas']['SubmitDossierDto'];
export type Dossier = components['schemas']['DossierDto'];

/** Receives status messages; hands each verified one to `onMessage`, answers 401 to anything unsigned. */
export function startReceiver(port: number, secret: string, onMessage: (m: PortalStatusMessage) => void): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        // Verify the raw bytes, before any JSON parsing.
        const message = verifyPortalWebhook(secret, req.headers, Buffer.concat(chunks));
        res.writeHead(204).end();
        onMessage(message);
      } catch (error) {
        res.writeHead(401, { 'Content-Type': 'text/plain' }).end((error as Error).message);
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

export interface Options {
  baseUrl: string;
  token: string;
  secret: string;
  receiverPort: number;
  submission: Submission;
  /** How long to wait for the webhook, in milliseconds. */
  timeoutMs?: number;
  log?: (line: string) => void;
}

/** Submits the dossier, waits for its first status message, and returns both. */
export async function runPortalClient(o: Options): Promise<{ dossier: Dossier; message: PortalStatusMessage }> {
  const log = o.log ?? console.log;
  const client = createClient<paths>({ baseUrl: o.baseUrl, headers: { Authorization: `Bearer ${o.token}` } });
  let received: (m: PortalStatusMessage) => void = () => undefined;
  const firstMessage = new Promise<PortalStatusMessage>((resolve) => (received = resolve));
  const receiver = await startReceiver(o.receiverPort, o.secret, (m) => {
    if (m.portalCode === o.submission.portalCode) received(m);
  });
  try {
    const { data, error, response } = await client.POST('/api/v1/dossiers', { body: o.submission });
    if (error) throw new Error(`submission refused: ${response.status} ${error.code}: ${error.detail}`);
    // 201: received now; 200: this portalCode was received before (an idempotent replay).
    log(`${response.status === 201 ? 'submitted' : 'already received'}: ${data.portalCode} → ${data.status} at ${data.state} (id ${data.id})`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('no status message arrived in time')), o.timeoutMs ?? 30_000);
    });
    const message = await Promise.race([firstMessage, timeout]).finally(() => clearTimeout(timer));
    log(`webhook verified: ${message.portalCode} is ${message.status} at ${message.state} (TrangThaiHoSo ${String(message.TrangThaiHoSo)}, message ${message.messageId})`);
    return { dossier: data, message };
  } finally {
    await new Promise((resolve) => receiver.close(resolve));
  }
}

/**
 * A small unpaid-leave-support dossier; its portalCode and tax code are the caller's. The programme
 * ran in 2020: by default it was submitted to the portal on 12 May 2020, as in the README's walk-through
 * (whose service allows old submissions with SUBMISSION_MAX_AGE_DAYS).
 */
export function sampleSubmission(portalCode: string, taxCode: string, submittedAt = '2020-05-12T09:30:00+07:00'): Submission {
  return {
    portalCode,
    procedureCode: 'unpaid-leave-support',
    submittedAt,
    applicant: { name: 'Công ty TNHH May Quảng Ngãi', taxCode, address: '12 Quang Trung, TP Quảng Ngãi', provinceCode: '51', districtCode: '522' },
    signature: { signer: 'employer', certificateSerial: '5402A1B2C3D4', signedAt: submittedAt },
    workers: [{ fullName: 'Nguyễn Thị Ánh', idNumber: '051190000123', socialInsuranceCode: '5112345678', from: '2020-04-01', to: '2020-06-30' }],
    loan: null,
    attachments: [{ name: 'danh-sach.pdf', sha256: 'a'.repeat(64) }],
  };
}

async function main(): Promise<void> {
  const env = (name: string, fallback?: string) => {
    const value = process.env[name] ?? fallback;
    if (value === undefined) throw new Error(`set ${name}`);
    return value;
  };
  await runPortalClient({
    baseUrl: env('DVC_URL', 'http://localhost:3000'),
    token: env('DVC_TOKEN'),
    secret: env('PORTAL_WEBHOOK_SECRET'),
    receiverPort: Number(env('RECEIVER_PORT', '4000')),
    submission: sampleSubmission(env('PORTAL_CODE', `000.00.51.H55-200512-${Date.now()}`), env('TAX_CODE', '4300123458'), process.env.SUBMITTED_AT),
  });
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
