import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../src/app.module';
import { loadConfig } from '../../src/config/config';
import { OutboxDispatcher } from '../../src/portal/outbox-dispatcher.service';
import { bearer, staff, submission } from '../support/factories';
import { expectProblem } from '../support/problems';
import { type ServiceProcess, startService } from '../support/service-process';
import { createTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(120_000);

const SECRET = 'portal-webhook-secret';
type Answer = number | 'hang';

interface Received {
  id: string;
  body: { messageId: string; portalCode: string; status: string; state: string; TrangThaiHoSo: number };
  attempt: number;
  answer: Answer;
  signatureOk: boolean;
}

/** The portal's side: a real HTTP server on 127.0.0.1 that records every delivery and answers as told. */
async function startReceiver(answer: (r: { id: string; attempt: number; portalCode: string }) => Answer | Promise<Answer>) {
  const attempts = new Map<string, number>();
  const inFlight = new Map<string, number>();
  const received: Received[] = [];
  const hanging: ServerResponse[] = [];
  let maxInFlightPerMessage = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const id = String(req.headers['x-message-id']);
      const attempt = (attempts.get(id) ?? 0) + 1;
      attempts.set(id, attempt);
      const now = (inFlight.get(id) ?? 0) + 1;
      inFlight.set(id, now);
      maxInFlightPerMessage = Math.max(maxInFlightPerMessage, now);
      const expected = `sha256=${createHmac('sha256', SECRET).update(raw).digest('hex')}`;
      const body = JSON.parse(raw);
      const a = await answer({ id, attempt, portalCode: body.portalCode });
      received.push({ id, body, attempt, answer: a, signatureOk: req.headers['x-signature'] === expected });
      if (a === 'hang') return void hanging.push(res);
      inFlight.set(id, inFlight.get(id)! - 1);
      res.writeHead(a).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/portal/status`,
    received,
    hanging,
    maxInFlightPerMessage: () => maxInFlightPerMessage,
    /** Every messageId the portal acknowledged with 2xx. */
    acknowledged: () => new Set(received.filter((r) => typeof r.answer === 'number' && r.answer < 300).map((r) => r.id)),
    close: async () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

async function until(what: string, check: () => boolean | Promise<boolean>, limitMs = 60_000): Promise<void> {
  const end = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const WALK: [string, string][] = [['insurance-confirmation', 'confirm'], ['district-appraisal', 'appraise'], ['provincial-approval', 'approve']];

/** Submits `n` dossiers and walks each to approved, interleaved: 4 status messages per dossier. */
async function statusChanges(t: TestApp, s: Awaited<ReturnType<typeof staff>>, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(submission());
    expect(res.status).toBe(201);
    ids.push(res.body.id);
  }
  for (const [step, action] of WALK) {
    for (const id of ids) {
      const res = await t.http().post(`/api/v1/dossiers/${id}/actions`).set(bearer(s.byStep[step])).send({ action });
      expect(res.status).toBe(200);
    }
  }
  return ids;
}

interface Row { id: string; dossier_id: string; seq: string; state: string; attempts: number; payload: Received['body'] }
const outbox = (t: TestApp): Promise<Row[]> => t.db.query('SELECT id, dossier_id, seq, state, attempts, payload FROM outbox_message ORDER BY seq');

/** For each dossier, its messageIds in the order they were first acknowledged, vs the order they were written. */
function orderPerDossier(rows: Row[], received: Received[]) {
  const firstAck = received.filter((r) => typeof r.answer === 'number' && r.answer < 300).map((r) => r.id).filter((id, i, all) => all.indexOf(id) === i);
  const byDossier = new Map<string, { written: string[]; delivered: string[] }>();
  for (const row of rows) {
    const entry = byDossier.get(row.dossier_id) ?? { written: [], delivered: [] };
    entry.written.push(row.id);
    byDossier.set(row.dossier_id, entry);
  }
  for (const entry of byDossier.values()) entry.delivered = firstAck.filter((id) => entry.written.includes(id));
  return [...byDossier.values()];
}

describe('portal outbox delivery (e2e)', () => {
  describe('through a portal that fails the first two deliveries of every message', () => {
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    let t: TestApp;

    beforeAll(async () => {
      receiver = await startReceiver(({ attempt }) => (attempt <= 2 ? 503 : 200));
      t = await createTestApp({
        PORTAL_WEBHOOK_URL: receiver.url, PORTAL_WEBHOOK_SECRET: SECRET, PORTAL_RETRY_BASE_MS: '5', PORTAL_DISPATCH_INTERVAL_MS: '10',
      });
    });
    afterAll(async () => {
      await t.close();
      await receiver.close();
    });

    it('delivers every status change of three dossiers, each dossier in order, none lost, all signed', async () => {
      const s = await staff(t.db);
      const ids = await statusChanges(t, s, 3);
      await until('all delivered', async () => (await outbox(t)).every((r) => r.state === 'delivered'));
      const rows = await outbox(t);
      expect(rows).toHaveLength(12);
      expect(new Set(rows.map((r) => r.dossier_id))).toEqual(new Set(ids));
      // Each message: refused twice with 503, then acknowledged; retried by the same messageId.
      for (const row of rows) {
        expect(receiver.received.filter((r) => r.id === row.id).map((r) => r.answer)).toEqual([503, 503, 200]);
        expect(row.attempts).toBe(3);
      }
      expect(receiver.acknowledged()).toEqual(new Set(rows.map((r) => r.id)));
      for (const { written, delivered } of orderPerDossier(rows, receiver.received)) expect(delivered).toEqual(written);
      expect(receiver.received.every((r) => r.signatureOk)).toBe(true);
      // Our status and the portal's status code side by side, in the order the dossier went.
      const first = rows.filter((r) => r.dossier_id === ids[0]).map((r) => [r.payload.state, r.payload.status, r.payload.TrangThaiHoSo]);
      expect(first).toEqual([
        ['insurance-confirmation', 'processing', 2], ['district-appraisal', 'processing', 4],
        ['provincial-approval', 'processing', 4], ['approved', 'approved', 9],
      ]);
      const body = receiver.received[0].body;
      expect(body).toMatchObject({ messageId: receiver.received[0].id, MaHoSo: body.portalCode });
    });
  });

  describe('failures and the admin endpoints', () => {
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    let t: TestApp;
    let s: Awaited<ReturnType<typeof staff>>;
    const refused = new Set<string>();

    beforeAll(async () => {
      receiver = await startReceiver(({ portalCode }) => (refused.has(portalCode) ? 400 : 200));
      t = await createTestApp({ PORTAL_WEBHOOK_URL: receiver.url, PORTAL_WEBHOOK_SECRET: SECRET, PORTAL_DISPATCH_INTERVAL_MS: '0' });
      s = await staff(t.db);
    });
    afterAll(async () => {
      await t.close();
      await receiver.close();
    });

    const drainAll = async () => {
      while ((await t.app.get(OutboxDispatcher).drain()) > 0);
    };

    it('fails a message refused with 4xx at once; it holds back its dossier\'s later messages until an admin retries it', async () => {
      const body = submission();
      refused.add(body.portalCode);
      const { body: d } = await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(body).expect(201);
      await t.http().post(`/api/v1/dossiers/${d.id}/actions`).set(bearer(s.byStep['insurance-confirmation'])).send({ action: 'confirm' }).expect(200);
      await drainAll();
      const [first, second] = (await outbox(t)).filter((r) => r.dossier_id === d.id);
      expect(first).toMatchObject({ state: 'failed', attempts: 1 });
      expect(second).toMatchObject({ state: 'pending', attempts: 0 });

      const failed = await t.http().get('/api/v1/integration/outbox?state=failed').set(bearer(s.admin)).expect(200);
      expect(failed.body.items.map((m: { id: string }) => m.id)).toEqual([first.id]);
      expect(failed.body.items[0]).toMatchObject({ state: 'failed', attempts: 1, lastError: 'HTTP 400', dossierId: d.id });
      const pending = await t.http().get('/api/v1/integration/outbox?state=pending').set(bearer(s.admin)).expect(200);
      expect(pending.body.items.map((m: { id: string }) => m.id)).toContain(second.id);

      refused.delete(body.portalCode);
      const retried = await t.http().post(`/api/v1/integration/outbox/${first.id}/retry`).set(bearer(s.admin)).expect(200);
      expect(retried.body).toMatchObject({ id: first.id, state: 'pending', attempts: 0 });
      await drainAll();
      const after = (await outbox(t)).filter((r) => r.dossier_id === d.id);
      expect(after.map((r) => r.state)).toEqual(['delivered', 'delivered']);
      const acks = receiver.received.filter((r) => r.answer === 200 && after.some((a) => a.id === r.id)).map((r) => r.id);
      expect(acks).toEqual([first.id, second.id]);
      const delivered = await t.http().get('/api/v1/integration/outbox?state=delivered&pageSize=200').set(bearer(s.admin)).expect(200);
      expect(delivered.body.items.map((m: { id: string }) => m.id)).toEqual(expect.arrayContaining([first.id, second.id]));
    });

    it('answers bad requests to the admin endpoints with 4xx codes', async () => {
      const [row] = await outbox(t);
      expectProblem(await t.http().get('/api/v1/integration/outbox?state=lost').set(bearer(s.admin)), 400, 'VALIDATION_FAILED');
      expectProblem(await t.http().get('/api/v1/integration/outbox?pageSize=0').set(bearer(s.admin)), 400, 'VALIDATION_FAILED');
      expectProblem(await t.http().get('/api/v1/integration/outbox').set(bearer(s.integration)), 403, 'PRINCIPAL_KIND_FORBIDDEN');
      expectProblem(await t.http().get('/api/v1/integration/outbox'), 401, 'AUTH_TOKEN_MISSING');
      expectProblem(await t.http().post(`/api/v1/integration/outbox/${row.id}/retry`).set(bearer(s.byStep['district-appraisal'])), 403, 'PRINCIPAL_KIND_FORBIDDEN');
      expectProblem(await t.http().post(`/api/v1/integration/outbox/${row.id}/retry`).set(bearer(s.admin)), 409, 'OUTBOX_MESSAGE_NOT_FAILED');
      expectProblem(await t.http().post('/api/v1/integration/outbox/6f1c1f7e-9a53-4a43-9d8e-6c1d2b3a4f50/retry').set(bearer(s.admin)), 404, 'OUTBOX_MESSAGE_NOT_FOUND');
      expectProblem(await t.http().post('/api/v1/integration/outbox/not-a-uuid/retry').set(bearer(s.admin)), 400);
    });

    it('sends nothing when PORTAL_WEBHOOK_URL is unset', async () => {
      const quiet = await createTestApp();
      try {
        const qs = await staff(quiet.db);
        await quiet.http().post('/api/v1/dossiers').set(bearer(qs.integration)).send(submission()).expect(201);
        expect(await quiet.app.get(OutboxDispatcher).drain()).toBe(0);
        expect((await outbox(quiet)).map((r) => r.state)).toEqual(['pending']);
      } finally {
        await quiet.close();
      }
    });
  });

  describe('two service instances on one database', () => {
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    let t: TestApp;
    let second: NestExpressApplication;

    beforeAll(async () => {
      // The portal is slow and refuses every first delivery, so claims and retries overlap.
      receiver = await startReceiver(async ({ attempt }) => {
        await new Promise((r) => setTimeout(r, 15));
        return attempt === 1 ? 503 : 200;
      });
      const env = { PORTAL_WEBHOOK_URL: receiver.url, PORTAL_WEBHOOK_SECRET: SECRET, PORTAL_RETRY_BASE_MS: '5', PORTAL_DISPATCH_INTERVAL_MS: '0' };
      t = await createTestApp(env);
      const config = { ...loadConfig({ ...process.env, LOG_LEVEL: 'silent', ...env }), databaseUrl: t.databaseUrl };
      const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
      second = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false });
      await second.init();
    });
    afterAll(async () => {
      await second.close();
      await t.close();
      await receiver.close();
    });

    it('delivers each message by one instance at a time, and both instances share the work', async () => {
      const s = await staff(t.db);
      await statusChanges(t, s, 20);
      const instances = [t.app.get(OutboxDispatcher), second.get(OutboxDispatcher)];
      const sent = [0, 0];
      await until('all delivered', async () => {
        const counts = await Promise.all(instances.map((d) => d.drain()));
        counts.forEach((n, i) => (sent[i] += n));
        return (await outbox(t)).every((r) => r.state === 'delivered');
      });
      const rows = await outbox(t);
      expect(rows).toHaveLength(80);
      expect(receiver.maxInFlightPerMessage()).toBe(1);
      // Every message: one refusal and one acknowledgement, never a third send.
      for (const row of rows) expect(receiver.received.filter((r) => r.id === row.id).map((r) => r.answer)).toEqual([503, 200]);
      expect(sent[0]).toBeGreaterThan(0);
      expect(sent[1]).toBeGreaterThan(0);
      expect(sent[0] + sent[1]).toBe(160);
      for (const { written, delivered } of orderPerDossier(rows, receiver.received)) expect(delivered).toEqual(written);
    });
  });

  describe('kill -9 of the service in the middle of delivery', () => {
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    let t: TestApp;
    let service: ServiceProcess | null = null;
    let hold = false;

    beforeAll(async () => {
      if (!existsSync(resolve(__dirname, '../../dist/src/portal/outbox-dispatcher.service.js'))) {
        throw new Error('dist/ has no outbox dispatcher: run `npm run build` before the e2e tests');
      }
      // Acknowledges until told to hold: then requests stay open, as when the service dies mid-send.
      receiver = await startReceiver(() => (hold ? 'hang' : 200));
      t = await createTestApp();
    });
    afterAll(async () => {
      await service?.kill();
      await t.close();
      await receiver.close();
    });

    const start = () =>
      startService(t.databaseUrl, {
        LOG_LEVEL: 'silent', PORTAL_WEBHOOK_URL: receiver.url, PORTAL_WEBHOOK_SECRET: SECRET,
        PORTAL_REQUEST_TIMEOUT_MS: '1000', PORTAL_RETRY_BASE_MS: '10', PORTAL_DISPATCH_INTERVAL_MS: '20',
      });

    it('resumes after a restart and loses nothing; a message in flight at the kill comes again with the same messageId', async () => {
      const s = await staff(t.db);
      await statusChanges(t, s, 6);
      const rows = await outbox(t);
      expect(rows).toHaveLength(24);

      service = await start();
      await until('some delivered', () => receiver.acknowledged().size >= 6);
      hold = true;
      await until('a delivery in flight', () => receiver.hanging.length > 0);
      const exited = once(service.child, 'exit');
      await service.kill();
      expect((await exited)[1]).toBe('SIGKILL');
      const inFlightAtKill = receiver.received.filter((r) => r.answer === 'hang').map((r) => r.id);
      expect(inFlightAtKill.length).toBeGreaterThan(0);
      for (const res of receiver.hanging) res.destroy();
      expect(receiver.acknowledged().size).toBeLessThan(rows.length);

      hold = false;
      service = await start();
      await until('all delivered', async () => (await outbox(t)).every((r) => r.state === 'delivered'));
      await service.kill();
      service = null;

      expect(receiver.acknowledged()).toEqual(new Set(rows.map((r) => r.id)));
      for (const id of inFlightAtKill) expect(receiver.received.filter((r) => r.id === id).length).toBeGreaterThanOrEqual(2);
      for (const { written, delivered } of orderPerDossier(rows, receiver.received)) expect(delivered).toEqual(written);
      for (const r of receiver.received) expect(r.body.messageId).toBe(r.id);
      expect(receiver.received.every((r) => r.signatureOk)).toBe(true);
    });
  });
});
