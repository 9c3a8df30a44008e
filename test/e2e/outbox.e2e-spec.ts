import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { verifyPortalWebhook } from '../../examples/verify-portal-webhook';
import { AppModule } from '../../src/app.module';
import { loadConfig } from '../../src/config/config';
import { CLAIM_SQL, OutboxDispatcher, retrySql } from '../../src/portal/outbox-dispatcher.service';
import { bearer, official, staff, submission } from '../support/factories';
import { expectProblem } from '../support/problems';
import { type ServiceProcess, startService } from '../support/service-process';
import { createTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(120_000);

const SECRET = 'portal-webhook-secret-for-the-e2e-tests';
type Answer = number | 'hang';

interface Received {
  id: string;
  body: { messageId: string; sequence: number; portalCode: string; status: string; state: string; TrangThaiHoSo: number };
  attempt: number;
  answer: Answer;
  /** X-Signature, and the Standard Webhooks headers checked by the integrators' snippet in examples/. */
  signatureOk: boolean;
  headers: Record<string, string | string[] | undefined>;
  raw: string;
}

/** The portal's side: a real HTTP server on 127.0.0.1 that records every delivery and answers as told. */
async function startReceiver(answer: (r: { id: string; attempt: number; portalCode: string; body: Record<string, unknown> }) => Answer | Promise<Answer>) {
  const attempts = new Map<string, number>();
  const inFlight = new Map<string, number>();
  const received: Received[] = [];
  const hanging: ServerResponse[] = [];
  let maxInFlightPerMessage = 0;
  let inFlightAll = 0;
  let maxInFlight = 0;
  let arrivals = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      arrivals++;
      const raw = Buffer.concat(chunks).toString('utf8');
      const id = String(req.headers['x-message-id']);
      const attempt = (attempts.get(id) ?? 0) + 1;
      attempts.set(id, attempt);
      const now = (inFlight.get(id) ?? 0) + 1;
      inFlight.set(id, now);
      maxInFlightPerMessage = Math.max(maxInFlightPerMessage, now);
      maxInFlight = Math.max(maxInFlight, ++inFlightAll);
      const expected = `sha256=${createHmac('sha256', SECRET).update(raw).digest('hex')}`;
      const body = JSON.parse(raw);
      const a = await answer({ id, attempt, portalCode: body.portalCode, body });
      let standardOk = true;
      try {
        expect(verifyPortalWebhook(SECRET, req.headers, raw)).toEqual(body);
      } catch {
        standardOk = false;
      }
      received.push({ id, body, attempt, answer: a, signatureOk: req.headers['x-signature'] === expected && standardOk, headers: req.headers, raw });
      if (a === 'hang') return void hanging.push(res);
      inFlight.set(id, inFlight.get(id)! - 1);
      inFlightAll--;
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
    /** The most deliveries the portal had open at once, of any messages. */
    maxInFlight: () => maxInFlight,
    /** Requests that reached the portal so far (answered or not). */
    arrivals: () => arrivals,
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
// Dossiers' messages only: the feedback tests below read theirs on their own.
const outbox = (t: TestApp): Promise<Row[]> => t.db.query('SELECT id, dossier_id, seq, state, attempts, payload FROM outbox_message WHERE dossier_id IS NOT NULL ORDER BY seq');

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

/**
 * What the portal must never see: a delivery of a dossier's message (any attempt, duplicates included) before
 * every earlier message of that dossier was acknowledged. Returns the offending deliveries; [] when in order.
 */
function outOfOrder(rows: Row[], received: Received[]): string[] {
  const line = new Map<string, { dossier: string; index: number }>();
  const counts = new Map<string, number>();
  for (const row of rows) {
    const index = counts.get(row.dossier_id) ?? 0;
    line.set(row.id, { dossier: row.dossier_id, index });
    counts.set(row.dossier_id, index + 1);
  }
  const acked = new Map<string, Set<number>>();
  const offending: string[] = [];
  for (const r of received) {
    if (!line.has(r.id)) continue; // another test's message
    const { dossier, index } = line.get(r.id)!;
    const done = acked.get(dossier) ?? new Set<number>();
    acked.set(dossier, done);
    for (let earlier = 0; earlier < index; earlier++) if (!done.has(earlier)) offending.push(`${r.id} (#${index} of its dossier) before #${earlier}`);
    if (typeof r.answer === 'number' && r.answer < 300) done.add(index);
  }
  return offending;
}

/** Another service instance, in this process, on the test app's database, with its own dispatcher running. */
async function instance(t: TestApp, env: Record<string, string>): Promise<NestFastifyApplication> {
  const config = { ...loadConfig({ ...process.env, LOG_LEVEL: 'silent', DEADLINE_CHECK_CRON: '0 0 0 1 1 *', ...env }), databaseUrl: t.databaseUrl };
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { bodyParser: false });
  await app.init();
  return app;
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
      expect(outOfOrder(rows, receiver.received)).toEqual([]);
      expect(receiver.received.every((r) => r.signatureOk)).toBe(true);
      // Our status and the portal's status code side by side, in the order the dossier went.
      const first = rows.filter((r) => r.dossier_id === ids[0]).map((r) => [r.payload.state, r.payload.status, r.payload.TrangThaiHoSo]);
      expect(first).toEqual([
        ['insurance-confirmation', 'processing', 1], ['district-appraisal', 'processing', 4],
        ['provincial-approval', 'processing', 4], ['approved', 'approved', 9],
      ]);
      const body = receiver.received[0].body;
      expect(body).toMatchObject({ messageId: receiver.received[0].id, MaHoSo: body.portalCode });
      // Each dossier's messages carry its history's seq, so the portal can drop a stale one.
      for (const id of ids) expect(rows.filter((r) => r.dossier_id === id).map((r) => r.payload.sequence)).toEqual([1, 2, 3, 4]);
      const history = await t.http().get(`/api/v1/dossiers/${ids[0]}/history`).set(bearer(s.admin)).expect(200);
      expect(history.body.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4]);
    });

    it('signs every attempt afresh: a captured delivery replayed after the tolerance, or altered, fails the integrators\' check', async () => {
      const attempts = receiver.received.filter((r) => r.id === receiver.received[0].id);
      expect(attempts).toHaveLength(3);
      // The same webhook-id on every retry; each attempt signed with its own time (seconds: quick retries may share one).
      expect(new Set(attempts.map((r) => r.headers['webhook-id']))).toEqual(new Set([attempts[0].id]));
      expect(attempts.every((r) => r.signatureOk)).toBe(true);
      const times = new Set(attempts.map((r) => r.headers['webhook-timestamp']));
      expect(new Set(attempts.map((r) => r.headers['webhook-signature'])).size).toBe(times.size);
      const captured = attempts[2];
      const sentAt = Number(captured.headers['webhook-timestamp']);
      expect(Math.abs(sentAt - Date.now() / 1000)).toBeLessThan(120);
      expect(verifyPortalWebhook(SECRET, captured.headers, captured.raw, sentAt + 300)).toMatchObject({ messageId: captured.id });
      expect(() => verifyPortalWebhook(SECRET, captured.headers, captured.raw, sentAt + 301)).toThrow(/outside the tolerance/);
      expect(() => verifyPortalWebhook(SECRET, captured.headers, captured.raw.replace('"processing"', '"approved"'), sentAt)).toThrow(/does not match/);
      // Moving the timestamp forward to pass the tolerance breaks the signature.
      expect(() => verifyPortalWebhook(SECRET, { ...captured.headers, 'webhook-timestamp': String(sentAt + 600) }, captured.raw, sentAt + 600)).toThrow(/does not match/);
      expect(() => verifyPortalWebhook('another-secret-of-at-least-32-bytes', captured.headers, captured.raw, sentAt)).toThrow(/does not match/);
      expect(() => verifyPortalWebhook(SECRET, { ...captured.headers, 'webhook-signature': undefined }, captured.raw, sentAt)).toThrow(/missing/);
    });

    it('documents the very snippet the test runs', () => {
      const snippet = readFileSync(resolve(__dirname, '../../examples/verify-portal-webhook.js'), 'utf8');
      expect(readFileSync(resolve(__dirname, '../../docs/api.md'), 'utf8')).toContain(`\`\`\`js\n${snippet}\`\`\``);
    });
  });

  describe('failures and the admin endpoints', () => {
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    let t: TestApp;
    let s: Awaited<ReturnType<typeof staff>>;
    const refused = new Set<string>();
    const unavailable = new Set<string>();

    beforeAll(async () => {
      receiver = await startReceiver(({ portalCode }) => (refused.has(portalCode) ? 400 : unavailable.has(portalCode) ? 503 : 200));
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

    it('holds a dossier\'s later messages back until its retried head is due again, then sends them in order', async () => {
      const body = submission();
      unavailable.add(body.portalCode);
      const { body: d } = await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(body).expect(201);
      await t.http().post(`/api/v1/dossiers/${d.id}/actions`).set(bearer(s.byStep['insurance-confirmation'])).send({ action: 'confirm' }).expect(200);
      // One round, not drainAll(): the retry delay is drawn from [0, PORTAL_RETRY_BASE_MS], so a second
      // round may already find the head due again and send it a second time. The later message is not a
      // head, so this round claims the head alone.
      expect(await t.app.get(OutboxDispatcher).drain()).toBe(1);
      const lines: { id: string; state: string; attempts: number; next_attempt_at: Date }[] = await t.db.query(
        'SELECT id, state, attempts, next_attempt_at FROM outbox_message WHERE dossier_id = $1 ORDER BY seq', [d.id]);
      expect(lines.map((r) => [r.state, r.attempts])).toEqual([['pending', 1], ['pending', 0]]);
      // The later message waits exactly as long as its head: the claim passes it over inside the index meanwhile.
      expect(lines[1].next_attempt_at).toEqual(lines[0].next_attempt_at);

      unavailable.delete(body.portalCode);
      await until('both delivered', async () => {
        await drainAll();
        return (await outbox(t)).filter((r) => r.dossier_id === d.id).every((r) => r.state === 'delivered');
      });
      const acks = receiver.received.filter((r) => r.answer === 200 && lines.some((l) => l.id === r.id)).map((r) => r.id);
      expect(acks).toEqual(lines.map((l) => l.id));
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

    it('warns at start about a plain http:// webhook to another machine, not about one on this machine', async () => {
      const warn = jest.spyOn(Logger.prototype, 'warn');
      try {
        for (const url of ['http://portal.example.invalid/status', receiver.url]) {
          const app = await createTestApp({ PORTAL_WEBHOOK_URL: url, PORTAL_WEBHOOK_SECRET: SECRET, PORTAL_DISPATCH_INTERVAL_MS: '0' });
          await app.close();
        }
        const cleartext = warn.mock.calls.filter(([fields]) => typeof fields === 'object' && fields !== null && 'url' in fields);
        expect(cleartext.map(([fields, message]) => [(fields as { url: string }).url, message])).toEqual([
          ['http://portal.example.invalid/status', expect.stringMatching(/plain http:\/\/ to another machine/)],
        ]);
      } finally {
        warn.mockRestore();
      }
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

  describe('feedback answers to the national portal', () => {
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    let t: TestApp;
    let s: Awaited<ReturnType<typeof staff>>;
    let answerer: Awaited<ReturnType<typeof official>>;
    /** Feedback (by id) whose messages the portal refuses with 400, or answers 503. */
    const refused = new Set<string>();
    const unavailable = new Set<string>();

    beforeAll(async () => {
      receiver = await startReceiver(({ body, attempt }) => {
        const feedbackId = String(body.feedbackId ?? '');
        if (refused.has(feedbackId)) return 400;
        if (unavailable.has(feedbackId)) return 503;
        return body.type === 'feedback.published' && attempt <= 2 ? 503 : 200;
      });
      t = await createTestApp({
        PORTAL_WEBHOOK_URL: receiver.url, PORTAL_WEBHOOK_SECRET: SECRET, PORTAL_RETRY_BASE_MS: '5', PORTAL_DISPATCH_INTERVAL_MS: '0',
        PUBLIC_RATE_LIMIT_PER_MINUTE: '100000',
      });
      s = await staff(t.db);
      answerer = await official(t.db, 'district-pc');
      await t.db.query(`UPDATE unit SET name = 'Ủy ban nhân dân thành phố Quảng Ngãi' WHERE code = $1`, [answerer.unitCode]);
      t.clock.set('2020-08-12T09:00:00+07:00');
    });
    afterAll(async () => {
      await t.close();
      await receiver.close();
    });

    const drainAll = async () => {
      while ((await t.app.get(OutboxDispatcher).drain()) > 0);
    };
    interface FeedbackRow { id: string; feedback_id: string; dossier_id: string | null; seq: string; state: string; attempts: number; payload: Record<string, unknown>; next_attempt_at: Date }
    const messagesOf = (feedbackId: string): Promise<FeedbackRow[]> =>
      t.db.query('SELECT id, feedback_id, dossier_id, seq, state, attempts, payload, next_attempt_at FROM outbox_message WHERE feedback_id = $1 ORDER BY seq', [feedbackId]);
    const act = (id: string, who: { token: string }, body: object) => t.http().post(`/api/v1/feedback/${id}/actions`).set(bearer(who)).send(body);
    /** A feedback sent, forwarded to the unit and answered by it: ready to publish. */
    async function answered(over: Record<string, unknown> = {}) {
      const { body } = await t.http().post('/api/v1/public/feedback').send({
        title: 'Chậm chi trả tiền hỗ trợ', content: 'Tôi là Lê Văn Bảy, gọi 0905999888.',
        contact: { name: 'Lê Văn Bảy', phone: '0905999888', address: '5 Hùng Vương, TP Quảng Ngãi' }, ...over,
      }).expect(201);
      await act(body.id, s.admin, { action: 'assign', data: { unitCode: answerer.unitCode } }).expect(200);
      await act(body.id, answerer, { action: 'answer', data: { answer: 'Hồ sơ đã được chi trả ngày 19/8/2020.' } }).expect(200);
      return body as { id: string; trackingCode: string };
    }

    it('sends the published answer as a feedback.published message, signed, retried until the portal takes it', async () => {
      const f = await answered();
      // Nothing is sent before publication: receiving, forwarding and answering queue no message.
      expect(await messagesOf(f.id)).toEqual([]);
      t.clock.set('2020-08-20T15:00:00+07:00');
      await act(f.id, s.admin, { action: 'publish', data: { content: 'Người lao động hỏi về tiến độ chi trả hỗ trợ.' } }).expect(200);
      const [queued] = await messagesOf(f.id);
      expect(queued).toMatchObject({ state: 'pending', dossier_id: null });
      await until('delivered', async () => {
        await drainAll();
        return (await messagesOf(f.id)).every((m) => m.state === 'delivered');
      });
      const deliveries = receiver.received.filter((r) => r.id === queued.id);
      expect(deliveries.map((r) => r.answer)).toEqual([503, 503, 200]);
      expect(deliveries.every((r) => r.signatureOk)).toBe(true);
      expect(new Set(deliveries.map((r) => r.raw)).size).toBe(1);
      expect(JSON.parse(deliveries[0].raw)).toEqual({
        messageId: queued.id, type: 'feedback.published', sequence: 4, feedbackId: f.id, code: f.trackingCode, portalCode: null,
        unit: { code: answerer.unitCode, name: 'Ủy ban nhân dân thành phố Quảng Ngãi' }, publishedAt: '2020-08-20T08:00:00.000Z',
        title: 'Chậm chi trả tiền hỗ trợ', content: 'Người lao động hỏi về tiến độ chi trả hỗ trợ.',
        answer: 'Hồ sơ đã được chi trả ngày 19/8/2020.', answeredAt: '2020-08-12T02:00:00.000Z',
      });
      // What the public register shows and no more: never the sender's name, phone or address.
      expect(deliveries[0].raw).not.toMatch(/Lê Văn Bảy|0905999888|Hùng Vương/);
      // The sequence is the register entry that published it.
      const history = (await t.http().get(`/api/v1/feedback/${f.id}/history`).set(bearer(s.admin)).expect(200)).body;
      expect(history.at(-1)).toMatchObject({ seq: 4, action: 'publish' });

      const listed = await t.http().get('/api/v1/integration/outbox?state=delivered&pageSize=200').set(bearer(s.admin)).expect(200);
      expect(listed.body.items.find((m: { id: string }) => m.id === queued.id)).toMatchObject({
        type: 'feedback.published', feedbackId: f.id, dossierId: null, state: 'delivered', attempts: 3, payload: { type: 'feedback.published', feedbackId: f.id },
      });
      t.clock.set('2020-08-12T09:00:00+07:00');
    });

    it('names the portal\'s own code for a feedback the portal delivered; returning or closing sends nothing', async () => {
      const delivered = await t.http().post('/api/v1/feedback').set(bearer(s.integration)).send({
        title: 'Hỏi về hồ sơ vay', content: 'Khi nào được giải ngân?', contact: { name: 'Lê Thị Hoa', email: 'hoa@example.vn' },
        portalCode: 'PAKN-DVCQG-2020-0009876', receivedAt: '2020-08-11T16:00:00+07:00',
      }).expect(201);
      await act(delivered.body.id, s.admin, { action: 'assign', data: { unitCode: answerer.unitCode } }).expect(200);
      await act(delivered.body.id, answerer, { action: 'answer', data: { answer: 'Chưa rõ.' } }).expect(200);
      await act(delivered.body.id, s.admin, { action: 'return', data: { reason: 'Câu trả lời không đúng nội dung phản ánh' } }).expect(200);
      expect(await messagesOf(delivered.body.id)).toEqual([]);
      await act(delivered.body.id, answerer, { action: 'answer', data: { answer: 'Ngân hàng giải ngân trong tháng 9/2020.' } }).expect(200);
      await act(delivered.body.id, s.admin, { action: 'publish' }).expect(200);
      const [message] = await messagesOf(delivered.body.id);
      expect(message.payload).toMatchObject({ portalCode: 'PAKN-DVCQG-2020-0009876', answer: 'Ngân hàng giải ngân trong tháng 9/2020.', content: 'Khi nào được giải ngân?', sequence: 6 });
      // A refused publication (already published) queues nothing more.
      expect((await act(delivered.body.id, s.admin, { action: 'publish' })).status).toBe(409);
      expect(await messagesOf(delivered.body.id)).toHaveLength(1);

      const closed = await answered();
      await act(closed.id, s.admin, { action: 'close', data: { reason: 'Câu trả lời chứa thông tin riêng' } }).expect(200);
      expect(await messagesOf(closed.id)).toEqual([]);
      await drainAll();
    });

    it('keeps each feedback\'s messages in order: a failed one holds its feedback\'s later ones back, and no other line', async () => {
      const f = await answered();
      const other = await answered();
      refused.add(f.id);
      await act(f.id, s.admin, { action: 'publish' }).expect(200);
      // A later message of the same feedback (none is written through the API yet: publication is final),
      // and a dossier's status, queued behind it.
      const [first] = await messagesOf(f.id);
      const [{ id: laterId }] = await t.db.query(
        `INSERT INTO outbox_message (id, feedback_id, payload, state, next_attempt_at) VALUES (gen_random_uuid(), $1, $2, 'pending', now()) RETURNING id`,
        [f.id, JSON.stringify({ ...first.payload, messageId: null, sequence: 5 })],
      );
      await t.db.query(`UPDATE outbox_message SET payload = jsonb_set(payload, '{messageId}', to_jsonb(id::text)) WHERE id = $1`, [laterId]);
      const { body: d } = await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(submission({ submittedAt: t.clock.now().toISOString() })).expect(201);
      await act(other.id, s.admin, { action: 'publish' }).expect(200);
      // The portal answers a feedback's first two attempts with 503 and the retry waits up to
      // PORTAL_RETRY_BASE_MS, so one drainAll() can end before the other feedback's retry is due.
      await until('the other lines delivered', async () => {
        await drainAll();
        const [dossierLine] = (await outbox(t)).filter((r) => r.dossier_id === d.id);
        return dossierLine?.state === 'delivered' && (await messagesOf(other.id)).every((m) => m.state === 'delivered');
      });

      const line = await messagesOf(f.id);
      expect(line.map((m) => [m.id, m.state, m.attempts])).toEqual([[first.id, 'failed', 1], [laterId, 'pending', 0]]);
      expect(receiver.received.some((r) => r.id === laterId)).toBe(false);
      // Other lines went through: another feedback, and a dossier.
      expect((await messagesOf(other.id)).map((m) => m.state)).toEqual(['delivered']);
      const [dossierMessage] = (await outbox(t)).filter((r) => r.dossier_id === d.id);
      expect(dossierMessage.state).toBe('delivered');

      const failed = await t.http().get('/api/v1/integration/outbox?state=failed').set(bearer(s.admin)).expect(200);
      expect(failed.body.items).toEqual([expect.objectContaining({ id: first.id, type: 'feedback.published', feedbackId: f.id, dossierId: null, lastError: 'HTTP 400' })]);
      refused.delete(f.id);
      await t.http().post(`/api/v1/integration/outbox/${first.id}/retry`).set(bearer(s.admin)).expect(200);
      const [audit] = await t.db.query(`SELECT subject FROM audit_event WHERE action = 'outbox.retry' ORDER BY id DESC LIMIT 1`);
      expect(audit.subject).toEqual({ messageId: first.id, feedbackId: f.id, seq: Number(first.seq) });
      await until('both delivered', async () => {
        await drainAll();
        return (await messagesOf(f.id)).every((m) => m.state === 'delivered');
      });
      const acks = receiver.received.filter((r) => r.answer === 200 && (r.id === first.id || r.id === laterId)).map((r) => r.id);
      expect(acks).toEqual([first.id, laterId]);
      expect(receiver.received.filter((r) => r.id === laterId).every((r) => r.signatureOk)).toBe(true);
    });

    it('holds a feedback\'s later messages back with its head while the portal is unavailable', async () => {
      const f = await answered();
      unavailable.add(f.id);
      await act(f.id, s.admin, { action: 'publish' }).expect(200);
      const [first] = await messagesOf(f.id);
      await t.db.query(`INSERT INTO outbox_message (id, feedback_id, payload, state, next_attempt_at) VALUES (gen_random_uuid(), $1, $2, 'pending', now())`, [f.id, JSON.stringify(first.payload)]);
      expect(await t.app.get(OutboxDispatcher).drain()).toBe(1);
      const lines = await messagesOf(f.id);
      expect(lines.map((r) => [r.state, r.attempts])).toEqual([['pending', 1], ['pending', 0]]);
      expect(lines[1].next_attempt_at).toEqual(lines[0].next_attempt_at);
      unavailable.delete(f.id);
      await until('both delivered', async () => {
        await drainAll();
        return (await messagesOf(f.id)).every((r) => r.state === 'delivered');
      });
    });

    it('refuses a row that belongs to both a dossier and a feedback, or to neither', async () => {
      const f = await answered();
      const { body: d } = await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(submission({ submittedAt: t.clock.now().toISOString() })).expect(201);
      const insert = (dossier: string | null, feedback: string | null) =>
        t.db.query(`INSERT INTO outbox_message (id, dossier_id, feedback_id, payload) VALUES (gen_random_uuid(), $1, $2, '{}')`, [dossier, feedback]);
      await expect(insert(d.id, f.id)).rejects.toThrow(/ck_outbox_one_owner/);
      await expect(insert(null, null)).rejects.toThrow(/ck_outbox_one_owner/);
      await drainAll();
    });

    it('claims through the indexes on a large mixed backlog: no sequential scan of the outbox', async () => {
      // 60,000 pending and delivered messages of 20,000 dossiers, 20,000 of 10,000 feedback (fixtures: the
      // foreign keys' triggers are off while they are written).
      await t.db.transaction(async (m) => {
        await m.query('SET LOCAL session_replication_role = replica');
        await m.query(`INSERT INTO outbox_message (id, dossier_id, payload, state, next_attempt_at, delivered_at)
          SELECT gen_random_uuid(), d.id, '{}', CASE WHEN k = 1 THEN 'delivered' ELSE 'pending' END, now() - interval '1 hour', CASE WHEN k = 1 THEN now() END
            FROM (SELECT gen_random_uuid() AS id FROM generate_series(1, 20000)) d CROSS JOIN generate_series(1, 3) k`);
        await m.query(`INSERT INTO outbox_message (id, feedback_id, payload, state, next_attempt_at)
          SELECT gen_random_uuid(), f.id, '{}', 'pending', now() - interval '2 hours'
            FROM (SELECT gen_random_uuid() AS id FROM generate_series(1, 10000)) f CROSS JOIN generate_series(1, 2) k`);
      });
      await t.db.query('ANALYZE outbox_message');
      const plan = async (sql: string, params: unknown[]) =>
        JSON.stringify(await t.db.transaction(async (m) => (await m.query(`EXPLAIN (FORMAT JSON) ${sql}`, params))[0]['QUERY PLAN']));
      const lease = new Date(Date.now() + 60_000);
      const claim = await plan(CLAIM_SQL, [new Date(), 50, lease]);
      expect(claim).not.toMatch(/Seq Scan/);
      for (const index of ['ix_outbox_pending_due', 'ix_outbox_dossier_seq', 'ix_outbox_feedback_seq']) expect(claim).toContain(index);
      for (const [line, index] of [['dossier_id', 'ix_outbox_dossier_seq'], ['feedback_id', 'ix_outbox_feedback_seq']] as const) {
        const retry = await plan(retrySql(line), ['6f1c1f7e-9a53-4a43-9d8e-6c1d2b3a4f50', 1, 'pending', lease, 'HTTP 503']);
        expect(retry).not.toMatch(/Seq Scan/);
        expect(retry).toContain(index);
      }
      // The backlog goes in due order: the feedback heads (due earlier) first, one per feedback.
      const [leased] = await t.db.query(CLAIM_SQL, [new Date(), 50, lease]);
      const owners: { feedback_id: string | null }[] = await t.db.query('SELECT feedback_id FROM outbox_message WHERE id = ANY($1)', [leased.map((r: { id: string }) => r.id)]);
      expect(owners).toHaveLength(50);
      expect(new Set(owners.map((o) => o.feedback_id)).size).toBe(50);
    });
  });

  describe('two service instances on one database', () => {
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    let t: TestApp;
    let second: NestFastifyApplication;

    beforeAll(async () => {
      // The portal is slow and refuses every first delivery, so claims and retries overlap.
      receiver = await startReceiver(async ({ attempt }) => {
        await new Promise((r) => setTimeout(r, 15));
        return attempt === 1 ? 503 : 200;
      });
      const env = { PORTAL_WEBHOOK_URL: receiver.url, PORTAL_WEBHOOK_SECRET: SECRET, PORTAL_RETRY_BASE_MS: '5', PORTAL_DISPATCH_INTERVAL_MS: '0' };
      t = await createTestApp(env);
      second = await instance(t, env);
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
      expect(outOfOrder(rows, receiver.received)).toEqual([]);
    });
  });

  describe('a backlog', () => {
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    let t: TestApp;
    let s: Awaited<ReturnType<typeof staff>>;
    const running = new Set<NestFastifyApplication>();
    let hold = false;

    beforeAll(async () => {
      // A portal that takes 30 ms per message, so the sends of a round overlap when they go in parallel;
      // told to hold, it stops answering.
      receiver = await startReceiver(async () => {
        await new Promise((r) => setTimeout(r, 30));
        return hold ? 'hang' : 200;
      });
      t = await createTestApp(); // no webhook: the backlog builds up until an instance with a dispatcher starts
      s = await staff(t.db);
    });
    afterAll(async () => {
      for (const app of running) await app.close();
      await t.close();
      await receiver.close();
    });

    // A minute's rest between rounds: only rounds run back to back can work off the backlog within the test.
    const dispatcher = async (env: Record<string, string> = {}) => {
      const app = await instance(t, {
        PORTAL_WEBHOOK_URL: receiver.url, PORTAL_WEBHOOK_SECRET: SECRET, PORTAL_RETRY_BASE_MS: '10',
        PORTAL_DISPATCH_INTERVAL_MS: '60000', PORTAL_DISPATCH_BATCH: '5', ...env,
      });
      running.add(app);
      return app;
    };
    const stop = async (app: NestFastifyApplication) => {
      running.delete(app);
      await app.close();
    };
    const pendingOf = async (ids: string[]) =>
      (await outbox(t)).filter((r) => ids.includes(r.dossier_id) && r.state !== 'delivered').length;

    it('is worked off in back-to-back rounds of a full batch, dossiers in parallel, each dossier in order', async () => {
      const ids = await statusChanges(t, s, 25);
      const started = Date.now();
      const app = await dispatcher();
      await until('the backlog delivered', async () => (await pendingOf(ids)) === 0, 30_000);
      expect(Date.now() - started).toBeLessThan(30_000);

      const rows = (await outbox(t)).filter((r) => ids.includes(r.dossier_id));
      expect(rows).toHaveLength(100);
      expect(receiver.acknowledged()).toEqual(new Set(rows.map((r) => r.id)));
      // A round's messages overlap at the portal, never more than PORTAL_DISPATCH_BATCH of them.
      expect(receiver.maxInFlight()).toBeGreaterThan(1);
      expect(receiver.maxInFlight()).toBeLessThanOrEqual(5);
      expect(outOfOrder(rows, receiver.received)).toEqual([]);

      // Resting for a minute now that the backlog is gone; closing wakes it at once.
      const closing = Date.now();
      await stop(app);
      expect(Date.now() - closing).toBeLessThan(5_000);
    });

    it('stops cleanly on app.close(): sends in flight are recorded, no round is left running, nothing is sent or written afterwards', async () => {
      const ids = await statusChanges(t, s, 25);
      const app = await dispatcher();
      const before = receiver.acknowledged().size;
      await until('part of the backlog delivered', () => receiver.acknowledged().size >= before + 10);
      hold = true;
      await until('deliveries in flight', () => receiver.hanging.length > 0);
      await stop(app);

      // The sends cut short were recorded as retries before close returned: no lease (20 s here) is left to run out.
      const cut = new Set(receiver.received.filter((r) => r.answer === 'hang').map((r) => r.id));
      const [{ leased }] = await t.db.query(`SELECT count(*)::int AS leased FROM outbox_message WHERE state = 'pending' AND next_attempt_at > now() + interval '5 seconds'`);
      expect(leased).toBe(0);
      const retried: { id: string }[] = await t.db.query(`SELECT id FROM outbox_message WHERE state = 'pending' AND last_error ILIKE '%abort%'`);
      expect(new Set(retried.map((r) => r.id))).toEqual(cut);
      // Nothing is sent or written once close has returned.
      const arrived = receiver.arrivals();
      const snapshot = JSON.stringify(await t.db.query('SELECT id, state, attempts, next_attempt_at FROM outbox_message ORDER BY seq'));
      await new Promise((r) => setTimeout(r, 500));
      expect(receiver.arrivals()).toBe(arrived);
      expect(JSON.stringify(await t.db.query('SELECT id, state, attempts, next_attempt_at FROM outbox_message ORDER BY seq'))).toBe(snapshot);
      expect(await pendingOf(ids)).toBeGreaterThan(0);

      // Another instance takes over at once; nothing is lost or reordered.
      hold = false;
      for (const res of receiver.hanging.splice(0)) res.destroy();
      await dispatcher({ PORTAL_DISPATCH_INTERVAL_MS: '20' });
      await until('the rest delivered', async () => (await pendingOf(ids)) === 0, 15_000);
      const rows = (await outbox(t)).filter((r) => ids.includes(r.dossier_id));
      expect(rows).toHaveLength(100);
      for (const id of rows.map((r) => r.id)) expect(receiver.acknowledged().has(id)).toBe(true);
      expect(outOfOrder(rows, receiver.received)).toEqual([]);
    });
  });

  describe('pruning delivered messages', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp({ PORTAL_OUTBOX_RETENTION_DAYS: '30' });
    });
    afterAll(async () => {
      await t.close();
    });

    it('deletes delivered messages past the retention, in batches, once across concurrent passes; keeps the rest', async () => {
      const s = await staff(t.db);
      const { body: d } = await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(submission()).expect(201);
      const now = new Date();
      const days = (n: number) => new Date(now.getTime() - n * 86_400_000);
      // 2,500 delivered 31 days ago (three batches' worth), 10 delivered 29 days ago, old failed and pending ones.
      const insert = (n: number, state: string, deliveredAt: Date | null) =>
        t.db.query(
          `INSERT INTO outbox_message (id, dossier_id, payload, state, attempts, next_attempt_at, created_at, delivered_at)
           SELECT gen_random_uuid(), $1, '{}', $2, 1, $3, $3, $4 FROM generate_series(1, $5)`,
          [d.id, state, days(40), deliveredAt, n],
        );
      await insert(2_500, 'delivered', days(31));
      await insert(10, 'delivered', days(29));
      await insert(3, 'failed', null);
      await insert(2, 'pending', null);
      const count = async () =>
        Object.fromEntries((await t.db.query('SELECT state, count(*)::int AS n FROM outbox_message GROUP BY state')).map((r: { state: string; n: number }) => [r.state, r.n]));
      expect(await count()).toEqual({ delivered: 2_510, failed: 3, pending: 3 });

      const dispatcher = t.app.get(OutboxDispatcher);
      const pruned = await Promise.all([dispatcher.pruneDelivered(now), dispatcher.pruneDelivered(now)]);
      expect(pruned[0] + pruned[1]).toBe(2_500);
      expect(await count()).toEqual({ delivered: 10, failed: 3, pending: 3 });
      expect(await dispatcher.pruneDelivered(now)).toBe(0);
    });
  });

  describe('through a portal that fails the first two deliveries of every message, with a kill -9 of the service in the middle', () => {
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    let t: TestApp;
    let service: ServiceProcess | null = null;
    // Answered deliveries per message: the first two get 503, the rest 200. After the fifth acknowledgement the
    // portal stops answering (requests hang), so the kill finds deliveries in flight.
    const answered = new Map<string, number>();
    let acks = 0;
    let hold = false;

    beforeAll(async () => {
      if (!existsSync(resolve(__dirname, '../../dist/src/portal/outbox-dispatcher.service.js'))) {
        throw new Error('dist/ has no outbox dispatcher: run `npm run build` before the e2e tests');
      }
      receiver = await startReceiver(({ id }) => {
        if (hold) return 'hang';
        const n = (answered.get(id) ?? 0) + 1;
        answered.set(id, n);
        if (n <= 2) return 503;
        if (++acks === 5) hold = true;
        return 200;
      });
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

    it('delivers every status change of three dossiers after a restart, each dossier in order, none lost; duplicates carry the same messageId', async () => {
      const s = await staff(t.db);
      const ids = await statusChanges(t, s, 3);
      const rows = await outbox(t);
      expect(rows).toHaveLength(12);
      for (const id of ids) expect(rows.filter((r) => r.dossier_id === id)).toHaveLength(4);

      service = await start();
      await until('a delivery in flight after five acknowledgements', () => hold && receiver.hanging.length > 0);
      const exited = once(service.child, 'exit');
      await service.kill();
      expect((await exited)[1]).toBe('SIGKILL');
      const inFlightAtKill = [...new Set(receiver.received.filter((r) => r.answer === 'hang').map((r) => r.id))];
      expect(inFlightAtKill.length).toBeGreaterThan(0);
      for (const res of receiver.hanging) res.destroy();
      // Killed in the middle: some acknowledged, not all.
      expect(receiver.acknowledged().size).toBe(5);
      expect((await outbox(t)).filter((r) => r.state === 'delivered').length).toBeLessThan(rows.length);

      hold = false;
      service = await start();
      await until('all delivered', async () => (await outbox(t)).every((r) => r.state === 'delivered'));
      await service.kill();
      service = null;

      // None lost: the portal acknowledged every message written, and nothing else.
      expect(receiver.acknowledged()).toEqual(new Set(rows.map((r) => r.id)));
      // Each dossier in order: no delivery (503s, duplicates and hung ones included) before its predecessors were acknowledged.
      for (const { written, delivered } of orderPerDossier(rows, receiver.received)) expect(delivered).toEqual(written);
      expect(outOfOrder(rows, receiver.received)).toEqual([]);
      // Every message was refused twice with 503 before its acknowledgement (retried by the service, not lost).
      for (const row of rows) {
        const answers = receiver.received.filter((r) => r.id === row.id && r.answer !== 'hang').map((r) => r.answer);
        expect(answers.slice(0, 3)).toEqual([503, 503, 200]);
        expect(answers.slice(3).every((a) => a === 200)).toBe(true);
      }
      // A message in flight at the kill came again; every copy has the same messageId and the same body.
      for (const id of inFlightAtKill) expect(receiver.received.filter((r) => r.id === id).length).toBeGreaterThanOrEqual(2);
      for (const r of receiver.received) expect(r.body.messageId).toBe(r.id);
      for (const row of rows) {
        const bodies = new Set(receiver.received.filter((r) => r.id === row.id).map((r) => JSON.stringify(r.body)));
        expect(bodies.size).toBe(1);
      }
      expect(receiver.received.every((r) => r.signatureOk)).toBe(true);
    });
  });
});
