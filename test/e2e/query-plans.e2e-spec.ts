// No query the API sends scans a large table: on a generated national year, every statement the
// lists, lookups, views and the deadline pass send is captured on its way to PostgreSQL and
// EXPLAINed with its own parameters; a Seq Scan of dossier, dossier_event, dossier_step or
// outbox_message fails the test. The size is what CI affords; the planner already prefers an index
// scan at it whenever one fits, so a missing index shows here as it would at 10 million rows.
// Reports and the console's overview over a year, over everything and within a province or a
// district, read the day counters and the dossiers open at the period's two instants, so they are
// here too.
import { Client } from 'pg';
import { generateScale, SCALE_NOW } from '../../bench/scale-data';
import { DeadlinePassService } from '../../src/deadlines/deadline-pass.service';
import { cursorOf } from '../../src/ledger/pages';
import { ProcessingReportService } from '../../src/reports/processing-report.service';
import { consoleSignIn } from '../support/console';
import { bearer, token } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

const COUNT = 20_000;
const LARGE = new Set(['dossier', 'dossier_event', 'dossier_step', 'outbox_message']);

interface Captured {
  text: string;
  values: unknown[];
  from: string;
}
interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

function seqScans(node: PlanNode, found: string[] = []): string[] {
  if (node['Node Type'] === 'Seq Scan' && node['Relation Name'] && LARGE.has(node['Relation Name'])) found.push(node['Relation Name']);
  for (const child of node.Plans ?? []) seqScans(child, found);
  return found;
}

describe('query plans on a large database', () => {
  let t: TestApp;
  let admin: { token: string };
  let captured: Captured[] = [];
  let current = '';
  const originalQuery = Client.prototype.query;

  interface Analyzed { text: string; plan: PlanNode & { 'Shared Hit Blocks': number; 'Shared Read Blocks': number } }

  /** The list statements one request sends (those ordering rows of `table`), each EXPLAIN ANALYZEd with its own parameters. */
  async function analyzedList(name: string, path: string, table: string): Promise<Analyzed[]> {
    captured = [];
    await capture(name, async () => expect((await t.http().get(path).set(bearer(admin))).status).toBe(200));
    const lists = captured.filter((q) => new RegExp(`FROM "?${table}"?`).test(q.text) && /ORDER BY/i.test(q.text) && !/count\(/i.test(q.text));
    captured = [];
    const c = new Client({ connectionString: t.databaseUrl });
    await c.connect();
    try {
      const out: Analyzed[] = [];
      for (const q of lists) {
        const res = await c.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${q.text}`, q.values);
        out.push({ text: q.text, plan: res.rows[0]['QUERY PLAN'][0].Plan });
      }
      return out;
    } finally {
      await c.end();
    }
  }

  const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];
  const blocks = (a: Analyzed[]) => a.reduce((sum, x) => sum + x.plan['Shared Hit Blocks'] + x.plan['Shared Read Blocks'], 0);

  beforeAll(async () => {
    // Every statement of the service goes through pg's Client; record it, then let it run. Patched
    // before the app starts, since the pool binds each connection's query when it opens it.
    Client.prototype.query = function (this: Client, ...args: unknown[]) {
      const [config, values] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
      const text = typeof config === 'string' ? config : config?.text;
      if (current && typeof text === 'string') captured.push({ text, values: (typeof config === 'object' ? config.values : values) ?? [], from: current });
      return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof Client.prototype.query;
    t = await createTestApp();
    await generateScale(t.databaseUrl, COUNT);
    admin = await token(t.db, 'admin');
    t.clock.set(SCALE_NOW);
  }, 300_000);
  afterAll(async () => {
    Client.prototype.query = originalQuery;
    await t.close();
  });

  async function capture(name: string, run: () => Promise<unknown>): Promise<void> {
    current = name;
    try {
      await run();
    } finally {
      current = '';
    }
  }

  it('sends no statement that scans dossier, dossier_event, dossier_step or outbox_message', async () => {
    const [sample] = await t.db.query(`SELECT d.id, d.portal_code, d.tax_code, d.province_code, d.district_code AS unit, o.id AS official
                                         FROM dossier d
                                         JOIN unit u ON u.kind = 'social-insurance' AND u.province_code = d.province_code
                                         JOIN official o ON o.unit_code = u.code
                                        WHERE d.state = 'insurance-confirmation' LIMIT 1`);
    const official = { token: sample.official as string };
    await t.db.query(`INSERT INTO "grant" (official_id, procedure_code, step) VALUES ($1, 'unpaid-leave-support', 'insurance-confirmation'), ($1, 'wage-loan-support', 'insurance-confirmation')`, [sample.official]);
    const get = (path: string, who: { token: string } = admin) => async () => {
      const res = await t.http().get(path).set(bearer(who));
      expect([200, 404]).toContain(res.status);
      return res;
    };
    const session = await consoleSignIn(t, admin.token);
    const page = (path: string) => async () => expect((await t.http().get(path).set('Cookie', session.cookie!)).status).toBe(200);
    const first = await t.http().get('/api/v1/dossiers?limit=50').set(bearer(admin));
    expect(first.status).toBe(200);
    const calls: [string, () => Promise<unknown>][] = [
      ['dossiers, first page', get('/api/v1/dossiers?limit=50')],
      ['dossiers, next page', get(`/api/v1/dossiers?limit=50&cursor=${encodeURIComponent(first.body.nextCursor)}`)],
      ['dossiers by state', get('/api/v1/dossiers?limit=50&state=district-appraisal')],
      ['dossiers by procedure', get('/api/v1/dossiers?limit=50&procedure=wage-loan-support')],
      ['overdue dossiers', get('/api/v1/dossiers?limit=50&overdue=true')],
      ['dossiers, page 20', get('/api/v1/dossiers?page=20&pageSize=50')],
      ["an official's dossiers", get('/api/v1/dossiers?limit=50', official)],
      ['a dossier', get(`/api/v1/dossiers/${sample.id}`)],
      ['its history', get(`/api/v1/dossiers/${sample.id}/history`)],
      ['its documents', get(`/api/v1/dossiers/${sample.id}/documents`)],
      ['public lookup', async () => t.http().get(`/api/v1/public/dossiers/${sample.portal_code}?taxCode=${sample.tax_code}`)],
      ['outbox', get('/api/v1/integration/outbox?limit=50')],
      ['alerts', get('/api/v1/deadlines/alerts')],
      ['apologies', get(`/api/v1/dossiers/${sample.id}/apologies`)],
      ['processing report, a month', get('/api/v1/reports/processing?from=2021-06-01&to=2021-06-30&groupBy=unit')],
      ...(['unit', 'procedure', 'official', 'step'] as const).map((by): [string, () => Promise<unknown>] => [
        `processing report, a year, by ${by}`,
        get(`/api/v1/reports/processing?from=2021-01-01&to=2021-12-31&groupBy=${by}`),
      ]),
      ['processing report, a year between instants', get('/api/v1/reports/processing?from=2021-01-01T10:30:00%2B07:00&to=2021-12-31T15:00:00%2B07:00')],
      ['processing report, since the first dossier', get('/api/v1/reports/processing?groupBy=procedure')],
      ["a province's report, a year", () => t.app.get(ProcessingReportService).report({ from: '2021-01-01', to: '2021-12-31', groupBy: 'unit' }, SCALE_NOW, { provinceCode: sample.province_code, districtCode: null })],
      ["a district's report, a year", () => t.app.get(ProcessingReportService).report({ from: '2021-01-01', to: '2021-12-31', groupBy: 'official' }, SCALE_NOW, { provinceCode: sample.province_code, districtCode: sample.unit })],
      ['register of a unit', get(`/api/v1/reports/register?unit=social-insurance-${sample.unit}&from=2021-06-01&to=2021-06-30`)],
      ['console overview', page('/console/overview')],
      ['console overview, a year', page('/console/overview?period=custom&from=2021-01-01&to=2021-12-31')],
      ['console overdue list', page('/console/alerts?kind=overdue')],
      ['console alerts', page('/console/alerts')],
      ['deadline pass', () => t.app.get(DeadlinePassService).run(SCALE_NOW, { write: false })],
    ];
    for (const [name, run] of calls) await capture(name, run);
    expect(captured.length).toBeGreaterThan(calls.length);

    const c = new Client({ connectionString: t.databaseUrl });
    await c.connect();
    const offending: string[] = [];
    const explained = new Set<string>();
    try {
      for (const q of captured) {
        if (!/^\s*(SELECT|WITH|UPDATE|DELETE|INSERT)/i.test(q.text)) continue;
        if (!/\b(dossier|dossier_event|dossier_step|outbox_message)\b/.test(q.text)) continue;
        const res = await c.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`EXPLAIN (FORMAT JSON) ${q.text}`, q.values);
        const plan = res.rows[0]['QUERY PLAN'][0].Plan;
        explained.add(q.from);
        const scans = seqScans(plan);
        if (scans.length) offending.push(`${q.from}: Seq Scan on ${scans.join(', ')}\n  ${q.text.replace(/\s+/g, ' ').slice(0, 400)}`);
      }
    } finally {
      await c.end();
    }
    // Every call reached the large tables, so none was left out by a wrong path or an early refusal.
    expect(calls.map(([name]) => name).filter((name) => !explained.has(name))).toEqual([]);
    captured = [];
    expect(offending).toEqual([]);
  }, 300_000);

  it.each([
    ['dossiers', '/api/v1/dossiers', 'dossier', 'ix_dossier_created_id', 'SELECT created_at::text, id::text FROM dossier ORDER BY created_at DESC, id DESC'],
    ['outbox', '/api/v1/integration/outbox', 'outbox_message', 'ix_outbox_seq', 'SELECT seq::text FROM outbox_message ORDER BY seq'],
  ])('reads the thousandth page of the %s by cursor through an index, without OFFSET, for what the first costs', async (name, path, table, index, order) => {
    // The key of the 9,990th row: the cursor a walk ten at a time holds before its thousandth page.
    const [key] = await t.db.query(`${order} OFFSET 9989 LIMIT 1`);
    expect(key).toBeDefined();
    const cursor = cursorOf(Object.values(key as Record<string, string>));
    const first = await analyzedList(`${name}, first page`, `${path}?limit=10`, table);
    const thousandth = await analyzedList(`${name}, thousandth page`, `${path}?limit=10&cursor=${cursor}`, table);
    const byOffset = await analyzedList(`${name}, page 1000 by offset`, `${path}?page=1000&pageSize=10`, table);
    for (const list of [first, thousandth]) {
      expect(list).toHaveLength(1);
      expect(list[0].text).not.toMatch(/\bOFFSET\b/i);
      const scans = nodes(list[0].plan).filter((n) => n['Relation Name'] === table);
      expect(scans.map((n) => n['Node Type'])).toEqual([expect.stringMatching(/^Index (Only )?Scan$/)]);
      expect((scans[0] as PlanNode & { 'Index Name': string })['Index Name']).toBe(index);
      // Ordered by the index itself: no sort of the table's rows.
      expect(nodes(list[0].plan).filter((n) => n['Node Type'] === 'Sort')).toEqual([]);
    }
    // The same cost: buffers touched within a small constant; an OFFSET walks the 9,990 rows before.
    expect(blocks(thousandth)).toBeLessThanOrEqual(2 * blocks(first) + 10);
    expect(byOffset[0].text).toMatch(/\bOFFSET\b/i);
    expect(blocks(byOffset)).toBeGreaterThan(5 * blocks(thousandth));
  }, 120_000);
});
