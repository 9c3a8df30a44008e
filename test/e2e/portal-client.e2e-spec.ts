// The sample portal client of examples/ against the real service (the built dist/, as a process) and
// PostgreSQL: it submits a dossier with its generated client, receives the status webhook on its own
// receiver, verifies the signature and prints the status.
import { randomBytes } from 'node:crypto';
import { runPortalClient, sampleSubmission, startReceiver } from '../../examples/portal-client/portal-client';
import { cliOn } from '../support/cli';
import { createTestDatabase } from '../support/database';
import { portalCode, taxCode } from '../support/factories';
import { freePort, type ServiceProcess, startService } from '../support/service-process';

jest.setTimeout(60_000);

describe('the sample portal client (e2e)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let service: ServiceProcess;
  let receiverPort: number;
  const secret = randomBytes(32).toString('base64url');

  beforeAll(async () => {
    database = await createTestDatabase();
    receiverPort = await freePort();
    service = await startService(database.url, {
      PORTAL_WEBHOOK_URL: `http://127.0.0.1:${receiverPort}/`, PORTAL_WEBHOOK_SECRET: secret, PORTAL_DISPATCH_INTERVAL_MS: '100',
    });
  });
  afterAll(async () => {
    await service?.stop();
    await database?.drop();
  });

  it('submits a dossier, receives and verifies its status webhook, and prints the status', async () => {
    const issued = await cliOn(database.url)('tokens', 'issue', '--integration', 'portal-sample', '--json');
    expect(issued.code).toBe(0);
    const { token } = JSON.parse(issued.out) as { token: string };
    const lines: string[] = [];
    const body = sampleSubmission(portalCode(), taxCode());
    const { dossier, message } = await runPortalClient({
      baseUrl: service.url, token, secret, receiverPort, submission: body, log: (l) => lines.push(l),
    });
    expect(dossier).toMatchObject({ portalCode: body.portalCode, status: 'processing', state: 'insurance-confirmation' });
    expect(message).toMatchObject({ portalCode: body.portalCode, status: 'processing', state: 'insurance-confirmation', sequence: 1, TrangThaiHoSo: 1 });
    expect(lines).toEqual([
      `submitted: ${body.portalCode} → processing at insurance-confirmation (id ${dossier.id})`,
      `webhook verified: ${body.portalCode} is processing at insurance-confirmation (TrangThaiHoSo 1, message ${message.messageId})`,
    ]);
  });

  it('refuses the receiver a message with a wrong signature', async () => {
    const port = await freePort();
    const delivered: unknown[] = [];
    const receiver = await startReceiver(port, secret, (m) => delivered.push(m));
    try {
      const now = String(Math.floor(Date.now() / 1000));
      const res = await fetch(`http://127.0.0.1:${port}/`, {
        method: 'POST', body: '{"portalCode":"x"}', headers: { 'webhook-id': 'm1', 'webhook-timestamp': now, 'webhook-signature': 'v1,AAAA' },
      });
      expect(res.status).toBe(401);
      expect(delivered).toEqual([]);
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});
