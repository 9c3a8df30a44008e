// The processing report read from its day counters is the report recounted from the history, cell
// by cell, for random periods (days and instants), scopes, groupings and procedures: on a generated
// two years across the provinces, then changed the ways the service and a repair by hand change
// rows (a dossier finished in the statement that ends its step, figures set after, steps handed
// over late or moved to another unit, steps removed), each change kept by the triggers. The
// migration's back-fill, run again on the populated database, rebuilds the same counters.
import fc from 'fast-check';
import { DISTRICTS_PER_PROVINCE, generateScale, PROVINCES, SCALE_NOW } from '../../bench/scale-data';
import { ReportRollups1796700090000 } from '../../migrations/1796700090000-ReportRollups';
import { reportPeriod } from '../../src/reports/period';
import { GROUPS } from '../../src/reports/processing-report.query';
import { ProcessingReportService } from '../../src/reports/processing-report.service';
import { procedureCodes } from '../../src/workflow/definitions';
import { ProcessingRecount } from '../support/processing-recount';
import { createTestApp, type TestApp } from '../support/test-app';

const COUNT = 1500;
const FIRST = Date.parse('2019-12-20T00:00:00+07:00');
const LAST = Date.parse('2022-01-10T00:00:00+07:00');
const DAY = 86_400_000;

/** Every counter row that counts something, in one order. */
async function counters(t: TestApp) {
  return {
    received: await t.db.query(`SELECT * FROM report_received_day WHERE received <> 0 ORDER BY 1, 2, 3, 4`),
    dossiers: await t.db.query(`SELECT * FROM report_dossier_day
      WHERE finished_early + finished_on_time + finished_late_with_apology + finished_late + withdrawn + refused_on_time + refused_late <> 0
      ORDER BY province_code, district_code, day, procedure_code, step NULLS FIRST, unit_code NULLS FIRST, official_id NULLS FIRST`),
    // A multiset of worked times: its order is the order of the writes.
    steps: await t.db.query(`SELECT *, ARRAY(SELECT unnest(worked_ms) ORDER BY 1) AS worked_ms FROM report_step_day
      WHERE steps_ended + handovers_received_late <> 0
      ORDER BY province_code, district_code, day, procedure_code, step, unit_code NULLS FIRST, official_id NULLS FIRST`),
  };
}

function accepted(from: string | undefined, to: string | undefined, now: Date): boolean {
  try {
    const period = reportPeriod(from, to);
    return !period.from || period.from < (period.to ?? now);
  } catch {
    return false;
  }
}

describe('processing report day counters (e2e)', () => {
  let t: TestApp;
  let reports: ProcessingReportService;
  let recount: ProcessingRecount;

  beforeAll(async () => {
    t = await createTestApp();
    await generateScale(t.databaseUrl, COUNT);
    reports = t.app.get(ProcessingReportService);
    recount = new ProcessingRecount(t.db);
    // Officials granted steps, so a running step counts under each of them (groupBy=official).
    await t.db.query(`INSERT INTO "grant" (official_id, procedure_code, step)
      SELECT o.id, p, s FROM official o JOIN unit u ON u.code = o.unit_code
       CROSS JOIN unnest(ARRAY['unpaid-leave-support', 'wage-loan-support']) p
       CROSS JOIN LATERAL (SELECT CASE u.kind WHEN 'social-insurance' THEN 'insurance-confirmation' WHEN 'district-pc' THEN 'district-appraisal'
                                             WHEN 'provincial-pc' THEN 'provincial-approval' ELSE 'bank-lending' END AS s) x
       WHERE hashtext(o.id::text) % 2 = 0 ON CONFLICT DO NOTHING`);
    // Finished as the ledger finishes: the dossier and its running step in one statement, the step ended by an official.
    await t.db.query(`WITH picked AS (
        SELECT d.id, d.step_started_at + (hashtext(d.id::text) % 9 + 9) * interval '1 day' / 3 AS at,
               CASE WHEN hashtext(d.id::text) % 4 = 0 THEN 'rejected' ELSE 'approved' END AS status
          FROM dossier d WHERE d.finished_at IS NULL AND d.step_started_at IS NOT NULL AND hashtext(d.id::text) % 3 = 0),
      finished AS (
        UPDATE dossier d SET finished_at = p.at, status = p.status, state = p.status, current_step = NULL, step_due_at = NULL
          FROM picked p WHERE d.id = p.id RETURNING d.id)
      UPDATE dossier_step s SET ended_at = p.at, end_action = CASE p.status WHEN 'rejected' THEN 'reject' ELSE 'approve' END,
             late = p.at > s.due_at, worked_ms = hashtext(s.dossier_id::text) % 1000 * 60000 + 3600000,
             official_id = (SELECT o.id FROM official o WHERE o.unit_code = s.unit_code LIMIT 1)
        FROM picked p JOIN finished f ON f.id = p.id WHERE s.dossier_id = p.id AND s.ended_at IS NULL`);
    // A result's figures set after the finish; an apology's date moved; a return date moved while in progress.
    await t.db.query(`UPDATE dossier SET eligibility = jsonb_build_object('totals', jsonb_build_object('eligibleWorkers', 2 + hashtext(id::text) % 5, 'supportAmount', 3710000)),
                             loan = CASE WHEN procedure_code = 'wage-loan-support' THEN jsonb_build_object('amount', 180000000, 'workers', '[1, 2, 3]'::jsonb) END
                       WHERE finished_at IS NOT NULL AND hashtext(id::text) % 5 = 1`);
    await t.db.query(`UPDATE dossier SET due_at = due_at + interval '3 days' WHERE hashtext(id::text) % 7 = 2`);
    // Hand-overs found late, steps of dossiers in progress moved to another unit or removed (not the step a finished dossier ended at).
    await t.db.query(`UPDATE dossier_step SET received_late = true WHERE hashtext(dossier_id::text || seq) % 6 = 0`);
    await t.db.query(`UPDATE dossier_step s SET unit_code = u.code FROM dossier d, unit u
                       WHERE d.id = s.dossier_id AND d.finished_at IS NULL AND u.kind = 'social-insurance' AND u.province_code = d.province_code
                         AND u.code <> s.unit_code AND hashtext(s.dossier_id::text || s.seq) % 11 = 0`);
    await t.db.query(`DELETE FROM dossier_step s USING dossier d WHERE d.id = s.dossier_id AND d.finished_at IS NULL AND hashtext(s.dossier_id::text || s.seq) % 13 = 0`);
  }, 300_000);
  afterAll(() => t.close());

  const instant = fc.integer({ min: FIRST, max: LAST }).map((ms) => new Date(ms));
  const bound = fc.oneof(
    fc.constant(undefined),
    instant.map((at) => new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10)),
    instant.map((at) => at.toISOString()),
  );
  const scope = fc.oneof(
    fc.constant(undefined),
    fc.constantFrom(...PROVINCES).map((provinceCode) => ({ provinceCode, districtCode: null })),
    fc.tuple(fc.integer({ min: 0, max: PROVINCES.length - 1 }), fc.integer({ min: 1, max: DISTRICTS_PER_PROVINCE })).map(([i, k]) => ({
      provinceCode: PROVINCES[i],
      districtCode: String(i * DISTRICTS_PER_PROVINCE + k + 100).padStart(3, '0'),
    })),
  );
  const query = fc.record({
    from: bound,
    to: bound,
    groupBy: fc.constantFrom(...GROUPS),
    procedure: fc.option(fc.constantFrom(...procedureCodes()), { nil: undefined }),
    where: scope,
    now: fc.oneof(fc.constant(SCALE_NOW), instant),
  });

  it('equal a recount from the history for random periods, scopes and groupings', async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(query, async ({ where, now, ...q }) => {
        // Only periods the API accepts (from before to, or before now): the others are refused before any read.
        fc.pre(accepted(q.from, q.to, now));
        const expected = await recount.report(q, now, where);
        expect(await reports.report(q, now, where)).toEqual(expected);
        compared += expected.rows.length;
      }),
      { numRuns: 60, seed: 26 },
    );
    // The random reports were not all empty.
    expect(compared).toBeGreaterThan(100);
  }, 300_000);

  it("give the console's weekly trend as the recount does", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 12 }), scope, async (week, weeks, where) => {
        const monday = new Date(Date.parse('2019-12-30T00:00:00Z') + week * 7 * DAY).toISOString().slice(0, 10);
        expect(await reports.weekly(monday, weeks, where)).toEqual(await recount.weekly(monday, weeks, where));
      }),
      { numRuns: 20, seed: 26 },
    );
  }, 120_000);

  it('are rebuilt the same by the migration on a populated database', async () => {
    const kept = await counters(t);
    expect(kept.dossiers.length).toBeGreaterThan(100);
    expect(kept.steps.some((r: { handovers_received_late: number }) => r.handovers_received_late > 0)).toBe(true);
    const migration = new ReportRollups1796700090000();
    const runner = t.db.createQueryRunner();
    try {
      await runner.startTransaction();
      await migration.down(runner);
      await migration.up(runner);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    expect(await counters(t)).toEqual(kept);
  }, 120_000);
});
