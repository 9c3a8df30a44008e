import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeadlineScheduler } from '../../src/deadlines/deadline-scheduler';
import { DROPPED_DEFAULT_METRICS } from '../../src/metrics/metrics.service';
import { OutboxDispatcher } from '../../src/portal/outbox-dispatcher.service';
import { bearer, staff, submission } from '../support/factories';
import { expectProblem } from '../support/problems';
import { createTestApp, type TestApp } from '../support/test-app';

const TOKEN = 'metrics-token-of-the-e2e-tests-0123456789';
const DAY = 86_400_000;
// Debian's prometheus package; .ci/run installs it, so CI never skips the check that needs it.
const PROMTOOL = !spawnSync('promtool', ['--version']).error;

/** The exposition text as `name{label="value",…}` (labels sorted) → value; comment lines left out. */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not an exposition line: ${line}`);
    const labels = m[2] ? [...m[2].matchAll(/([a-zA-Z_]+)="((?:[^"\\]|\\.)*)"/g)].map(([, k, v]) => `${k}="${v}"`).sort().join(',') : '';
    out.set(labels ? `${m[1]}{${labels}}` : m[1], Number(m[3]));
  }
  return out;
}

describe('Prometheus metrics (e2e)', () => {
  let t: TestApp;
  let portal: Server;
  const refused = new Set<string>();

  beforeAll(async () => {
    // The portal: 400 (a permanent refusal) for the portal codes in `refused`, 200 for the rest.
    portal = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => res.writeHead(refused.has(JSON.parse(raw).portalCode) ? 400 : 200).end());
    });
    portal.listen(0, '127.0.0.1');
    await once(portal, 'listening');
    t = await createTestApp({
      METRICS_TOKEN: TOKEN,
      PORTAL_WEBHOOK_URL: `http://127.0.0.1:${(portal.address() as AddressInfo).port}/status`,
      PORTAL_WEBHOOK_SECRET: 'portal-webhook-secret-for-the-e2e-tests',
      PORTAL_DISPATCH_INTERVAL_MS: '0',
    });
  });
  afterAll(async () => {
    await t.close();
    portal.close();
  });

  const scrape = async () => {
    const res = await t.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    return { text: res.text, at: samples(res.text) };
  };

  it('needs the METRICS_TOKEN when one is set', async () => {
    expectProblem(await t.http().get('/metrics'), 401, 'AUTH_TOKEN_MISSING');
    expectProblem(await t.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}x`), 401, 'AUTH_TOKEN_INVALID');
    expectProblem(await t.http().get('/metrics').set('Authorization', `Bearer ${'x'.repeat(TOKEN.length)}`), 401, 'AUTH_TOKEN_INVALID');
    expectProblem(await t.http().get('/api/v1/metrics').set('Authorization', `Bearer ${TOKEN}`), 404);
  });

  it('counts actions, deliveries, the deadline pass, open alerts and HTTP requests exactly', async () => {
    const s = await staff(t.db);
    const portalBody = submission();
    const blocked = submission();
    refused.add(blocked.portalCode);
    const d1 = (await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(portalBody).expect(201)).body;
    const d2 = (await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(blocked).expect(201)).body;
    await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(portalBody).expect(200); // the same again: replayed
    const act = (id: string, key?: string) => {
      const req = t.http().post(`/api/v1/dossiers/${id}/actions`).set(bearer(s.byStep['insurance-confirmation']));
      return (key ? req.set('Idempotency-Key', key) : req).send({ action: 'confirm' });
    };
    await act(d1.id).expect(200);
    await act(d2.id, 'k-1').expect(200);
    await act(d2.id, 'k-1').expect(200); // replayed
    expectProblem(await act(d1.id), 409, 'DOSSIER_ACTION_NOT_AVAILABLE');
    expectProblem(await act('6f1c1f7e-9a53-4a43-9d8e-6c1d2b3a4f50'), 404, 'DOSSIER_NOT_FOUND');
    expectProblem(await t.http().post(`/api/v1/dossiers/${d1.id}/actions`).send({ action: 'confirm' }), 401, 'AUTH_TOKEN_MISSING');
    expectProblem(await t.http().get('/api/v1/no-such-route'), 404);
    // Refused by a hook before any guard or handler (a compressed body).
    expectProblem(await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).set('Content-Type', 'application/json').set('Content-Encoding', 'gzip').send('{}'), 415);

    // Deliveries: d1's two messages go; d2's first is refused (failed) and holds its second back.
    const dispatcher = t.app.get(OutboxDispatcher);
    while ((await dispatcher.drain()) > 0);
    // A deadline pass 30 days on: both dossiers' appraisal steps are overdue.
    t.clock.set(new Date(Date.now() + 30 * DAY));
    await t.app.get(DeadlineScheduler).tick();

    const { text, at } = await scrape();
    const actions = (procedure: string, action: string, outcome: string, kind = '') =>
      at.get(`dvc_dossier_actions_total{action="${action}",kind="${kind}",outcome="${outcome}",procedure="${procedure}"}`);
    expect(actions('unpaid-leave-support', 'submit', 'ok')).toBe(2);
    expect(actions('unpaid-leave-support', 'submit', 'replayed')).toBe(1);
    expect(actions('unpaid-leave-support', 'confirm', 'ok')).toBe(2);
    expect(actions('unpaid-leave-support', 'confirm', 'replayed')).toBe(1);
    expect(actions('unpaid-leave-support', 'confirm', 'refused', 'conflict')).toBe(1);
    expect(actions('unknown', 'confirm', 'refused', 'not-found')).toBe(1);
    expect([...at.keys()].filter((k) => k.startsWith('dvc_dossier_actions_total'))).toHaveLength(6);

    expect(at.get('dvc_outbox_deliveries_total{outcome="delivered"}')).toBe(2);
    expect(at.get('dvc_outbox_deliveries_total{outcome="failed"}')).toBe(1);
    expect(at.get('dvc_outbox_pending_messages')).toBe(1);
    expect(at.get('dvc_outbox_failed_messages')).toBe(1);
    const [{ age }] = await t.db.query(`SELECT extract(epoch FROM now() - min(created_at))::float AS age FROM outbox_message WHERE state = 'pending'`);
    expect(at.get('dvc_outbox_oldest_pending_age_seconds')).toBeGreaterThan(0);
    expect(Math.abs(at.get('dvc_outbox_oldest_pending_age_seconds')! - age)).toBeLessThan(5);

    expect(at.get('dvc_deadline_pass_duration_seconds_count{result="completed"}')).toBe(1);
    expect(at.get('dvc_deadline_pass_last_completed_timestamp_seconds')).toBeGreaterThan(Date.now() / 1000 - 60);
    expect(at.get('dvc_deadline_alerts_open{kind="overdue",subject="dossier"}')).toBe(2);
    expect(at.get('dvc_deadline_alerts_open{kind="near-due",subject="dossier"}')).toBe(0);
    expect(at.get('dvc_metrics_database_up')).toBe(1);

    // HTTP: the route pattern, never the raw URL; requests refused by the auth guard and unrouted ones too.
    const http = (method: string, route: string, status: number) =>
      at.get(`dvc_http_request_duration_seconds_count{method="${method}",route="${route}",status_code="${status}"}`);
    expect(http('POST', '/api/v1/dossiers', 201)).toBe(2);
    expect(http('POST', '/api/v1/dossiers', 200)).toBe(1);
    expect(http('POST', '/api/v1/dossiers/:id/actions', 200)).toBe(3);
    expect(http('POST', '/api/v1/dossiers/:id/actions', 409)).toBe(1);
    expect(http('POST', '/api/v1/dossiers/:id/actions', 404)).toBe(1);
    expect(http('POST', '/api/v1/dossiers/:id/actions', 401)).toBe(1);
    expect(http('POST', '/api/v1/dossiers', 415)).toBe(1);
    expect(http('GET', 'unmatched', 404)).toBe(2); // /api/v1/no-such-route, and /api/v1/metrics above
    expect(http('GET', '/metrics', 401)).toBe(3);
    expect(text).not.toContain(d1.id);
    expect(text).not.toContain('no-such-route');

    expect(at.get('dvc_db_pool_connections_max')).toBe(Number(process.env.DB_POOL_SIZE ?? 20));
    expect(at.get('dvc_db_pool_waiting_requests')).toBe(0);
    expect(at.get('dvc_db_pool_connections_in_use')).toBeGreaterThanOrEqual(0);
    expect(at.has('process_cpu_user_seconds_total')).toBe(true);
    expect(at.has('nodejs_heap_size_used_bytes')).toBe(true);
  });

  it('documents, alerts on and charts only metrics the service exports', async () => {
    const { text } = await scrape();
    const exported = new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]));
    const read = (file: string) => readFileSync(resolve(__dirname, '../..', file), 'utf8');
    const operations = read('docs/operations.md');
    // The Metrics section (up to the next top-level heading), the alert rules and the dashboard.
    const section = operations.slice(operations.indexOf('## Metrics'), operations.indexOf('\n## ', operations.indexOf('## Metrics') + 1));
    const docs = `${section}\n${read('deploy/monitoring/alerts.yml')}\n${read('deploy/monitoring/grafana-dashboard.json')}`;
    const named = new Set([...docs.matchAll(/\b(?:dvc|process|nodejs)_[a-z0-9_]*[a-z0-9]\b/g)].map((m) => m[0].replace(/_(bucket|count|sum)$/, '')));
    expect(named.size).toBeGreaterThan(15);
    expect([...named].filter((name) => !exported.has(name))).toEqual([]);
    // And every dvc_ metric is documented.
    expect([...exported].filter((name) => name.startsWith('dvc_') && !named.has(name))).toEqual([]);
  });

  // Prometheus's own lint of the exposition text: types, suffixes (no gauge named *_total), help.
  // Skipped only outside CI when promtool is missing; in CI (CI set) a missing promtool fails.
  const ci = Boolean(process.env.CI);
  (PROMTOOL || ci ? it : it.skip)(
    `passes promtool check metrics without a remark${PROMTOOL ? '' : ci ? ' (promtool is not on PATH)' : ' (SKIPPED: promtool is not on PATH; install Debian\'s prometheus package)'}`,
    async () => {
      if (!PROMTOOL) throw new Error('promtool is not on PATH: CI must run this check (.ci/run installs Debian\'s prometheus package)');
      await t.http().get('/metrics').expect(401); // so that the histogram has series, whichever tests ran before
      const { text } = await scrape();
      expect(text).toContain('dvc_http_request_duration_seconds_bucket{');
      const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
      expect({ status: check.status, output: check.stdout + check.stderr }).toEqual({ status: 0, output: '' });
      // prom-client's active-handle counts stay as their per-type gauges; only the *_total gauges are left out.
      for (const name of DROPPED_DEFAULT_METRICS) expect(text).not.toContain(name);
      expect(text).toMatch(/^nodejs_active_handles\{type="/m);
    },
  );

  it('is public without a METRICS_TOKEN', async () => {
    const open = await createTestApp();
    try {
      const res = await open.http().get('/metrics').expect(200);
      expect(samples(res.text).get('dvc_outbox_pending_messages')).toBe(0);
    } finally {
      await open.close();
    }
  });
});
