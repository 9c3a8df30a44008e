// The processing report recounted from the history itself (dossier, dossier_step), as the service
// computed it before its day counters: what the property test holds the counters' report to.
import { definedStep } from '../../src/workflow/definitions';
import { DataSource } from 'typeorm';
import { Statement } from '../../src/database/statement';
import { PROCEDURES } from '../../src/workflow/definitions';
import type { Jurisdiction } from '../../src/reports/processing-report.service';
import { type Period, reportPeriod } from '../../src/reports/period';
import type { ReportGroup } from '../../src/reports/processing-report.query';
import {
  type Counts,
  DOSSIER_COLUMNS,
  RESULT_COLUMNS,
  type DossierCounts,
  type ProcessingReport,
  type ReportRow,
  type StepBreakdown,
  type StepCounts,
} from '../../src/reports/processing-report';

/*
 * A dossier is in the report of the period [from, to) when it was open at some time in it:
 * received before `to` and not finished before `from` (ix_dossier_active, a GiST index on that
 * range). Its outcome, at the end of the period:
 * - finished in the period: rejected (a result too, on time by the appointed date or late),
 *   withdrawn, or with its result: early (on a day before the appointed return date's day), on time
 *   (on that day, by the appointed time), late with apology (after the appointed date, by the
 *   apology's new date), late (after both); a loan's result is its signing (disburse);
 * - otherwise in progress: overdue when its return date in force (dossier.due_at) was past at the
 *   end of the period (or now, for a period not yet over); a dossier waiting for the applicant is
 *   within time (its clock is paused).
 * The appointed date is the legal one (dossier.appointed_return_at), which an apology never moves.
 */
const OUTCOME = (t: string, end: string) => `CASE
    WHEN d.finished_at IS NULL OR d.finished_at >= ${t} THEN
      CASE WHEN d.due_at < ${end} THEN 'in-progress-overdue' ELSE 'in-progress-within-time' END
    WHEN d.status = 'rejected' THEN
      CASE WHEN coalesce(d.appointed_return_at, d.due_at) IS NULL OR d.finished_at <= coalesce(d.appointed_return_at, d.due_at)
           THEN 'rejected-on-time' ELSE 'rejected-late' END
    WHEN d.status = 'withdrawn' THEN 'withdrawn'
    WHEN d.finished_at <= coalesce(d.appointed_return_at, d.due_at) THEN
      CASE WHEN (d.finished_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date < (coalesce(d.appointed_return_at, d.due_at) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
           THEN 'early' ELSE 'on-time' END
    WHEN d.finished_at <= d.due_at THEN 'late-with-apology'
    ELSE 'late'
  END`;

const DOSSIER_MEASURES = (from: string | null, now: string) => `
  count(*) FILTER (WHERE ${from ? `received_at < ${from}` : 'false'})::int AS "carriedOver",
  count(*) FILTER (WHERE ${from ? `received_at >= ${from}` : 'true'})::int AS received,
  count(*) FILTER (WHERE outcome = 'early')::int AS "finishedEarly",
  count(*) FILTER (WHERE outcome = 'on-time')::int AS "finishedOnTime",
  count(*) FILTER (WHERE outcome = 'late-with-apology')::int AS "finishedLateWithApology",
  count(*) FILTER (WHERE outcome = 'late')::int AS "finishedLate",
  count(*) FILTER (WHERE outcome LIKE 'in-progress-%')::int AS "inProgress",
  count(*) FILTER (WHERE outcome = 'in-progress-within-time')::int AS "inProgressWithinTime",
  count(*) FILTER (WHERE outcome = 'in-progress-overdue')::int AS "inProgressOverdue",
  count(*) FILTER (WHERE status IN ('processing', 'awaiting-supplement') AND due_at < ${now})::int AS "overdueNow",
  count(*) FILTER (WHERE outcome = 'withdrawn')::int AS withdrawn,
  count(*) FILTER (WHERE outcome LIKE 'rejected-%')::int AS rejected,
  count(*) FILTER (WHERE outcome = 'rejected-on-time')::int AS "refusedOnTime",
  count(*) FILTER (WHERE outcome = 'rejected-late')::int AS "refusedLate",
  coalesce(sum(supported) FILTER (WHERE outcome IN (${RESULTS})), 0)::int AS "workersSupported",
  coalesce(sum(support) FILTER (WHERE outcome IN (${RESULTS})), 0)::float8 AS "fundsApproved",
  coalesce(sum(lent) FILTER (WHERE outcome IN (${RESULTS})), 0)::float8 AS "fundsLent"`;

/** The outcomes of a dossier finished with its result (approved, or the loan signed). */
const RESULTS = `'early', 'on-time', 'late-with-apology', 'late'`;

/**
 * What a dossier's result gave (VND integers, summed as float8, exact below 2^53): the workers it
 * supports (the loan's, else those the findings left eligible), the support approved, the loan.
 */
const RESULT_FIGURES = `
  coalesce(jsonb_array_length(d.loan->'workers'), (d.eligibility->'totals'->>'eligibleWorkers')::int, d.worker_count) AS supported,
  (d.eligibility->'totals'->>'supportAmount')::bigint AS support,
  (d.loan->>'amount')::bigint AS lent`;

/** The step a dossier was at when the period ended (or the one that ended it). */
const HELD = (t: string) => `LEFT JOIN LATERAL (
    SELECT s.unit_code, s.procedure_code, s.step, s.official_id FROM dossier_step s
     WHERE s.dossier_id = a.id AND s.started_at < ${t} ORDER BY s.seq DESC LIMIT 1) h ON true`;

/**
 * Who a dossier counts under: the unit holding it at the end of the period or whose action ended
 * it; its step; its procedure; the official who ended that step, or, while it runs, each active
 * official of the unit granted the step (so official rows may add up to more than the totals).
 */
const DOSSIER_KEYS: Record<ReportGroup, (t: string) => string> = {
  procedure: () => `SELECT a.*, a.procedure_code::text AS key FROM active a`,
  unit: (t) => `SELECT a.*, h.unit_code::text AS key FROM active a ${HELD(t)}`,
  step: (t) => `SELECT a.*, h.procedure_code || '/' || h.step AS key FROM active a ${HELD(t)}`,
  official: (t) => `SELECT a.*, k.key FROM active a ${HELD(t)}
    LEFT JOIN LATERAL (
      SELECT h.official_id::text AS key WHERE h.official_id IS NOT NULL
      UNION ALL
      SELECT o.id::text FROM official o JOIN "grant" g ON g.official_id = o.id
       WHERE h.official_id IS NULL AND o.unit_code = h.unit_code AND o.active AND g.procedure_code = a.procedure_code AND g.step = h.step
    ) k ON true`,
};

const STEP_KEYS: Record<ReportGroup, string> = {
  procedure: 's.procedure_code::text',
  unit: 's.unit_code::text',
  step: `s.procedure_code || '/' || s.step`,
  official: 's.official_id::text',
};

const HOURS = (fraction: number) =>
  `round((percentile_cont(${fraction}) WITHIN GROUP (ORDER BY worked_ms) FILTER (WHERE finished) / 3600000.0)::numeric, 2)::float8`;

const STEP_MEASURES = `
  count(*) FILTER (WHERE finished)::int AS "stepsFinished",
  count(*) FILTER (WHERE finished AND late)::int AS "stepsFinishedLate",
  count(*) FILTER (WHERE received_late_in)::int AS "handoversReceivedLate",
  ${HOURS(0.5)} AS "medianWorkingHours",
  ${HOURS(0.9)} AS "p90WorkingHours"`;

const NO_STEPS: StepCounts = { stepsFinished: 0, stepsFinishedLate: 0, handoversReceivedLate: 0, medianWorkingHours: null, p90WorkingHours: null };
const NO_DOSSIERS = Object.fromEntries([...DOSSIER_COLUMNS, ...RESULT_COLUMNS].map((c) => [c, 0])) as unknown as Omit<DossierCounts, 'doneOnTime' | 'doneLate'>;

/** The jurisdiction condition on dossier `d`, or nothing for a province-wide (admin's) report. */
function inJurisdiction(st: Statement, where: Jurisdiction | undefined): string {
  if (!where) return '';
  const district = where.districtCode === null ? '' : ` AND d.district_code = ${st.param(where.districtCode)}`;
  return `AND d.province_code = ${st.param(where.provinceCode)}${district}`;
}

const WEEK_MS = 7 * 86_400_000;

/** One week's totals (weekly()): the week's first instant and three of the report's figures. */
export type WeekTotals = { from: string } & Pick<Counts, 'received' | 'doneOnTime' | 'doneLate'>;

type RowNames = Pick<ReportRow, 'name'> & Partial<Pick<ReportRow, 'shortName' | 'idNumber' | 'unitCode' | 'procedureCode' | 'step'>>;
type KeyedDossiers = Omit<DossierCounts, 'doneOnTime' | 'doneLate'> & { key: string | null; total: boolean };
type KeyedSteps = StepCounts & { key: string | null; procedure_code: string | null; step: string | null; grouping: number };

export class ProcessingRecount {
  constructor(private readonly db: DataSource) {}

  /** The report over every dossier, or (an official's) over those of one jurisdiction. */
  async report(q: { from?: string; to?: string; groupBy: ReportGroup; procedure?: string }, now: Date, where?: Jurisdiction): Promise<ProcessingReport> {
    const period = reportPeriod(q.from, q.to);
    const dossiers = await this.dossiers(period, q.groupBy, q.procedure, now, where);
    const steps = await this.steps(period, q.groupBy, q.procedure, now, where);
    const keys = new Map<string | null, { d?: KeyedDossiers; s?: KeyedSteps; breakdown: StepBreakdown[] }>();
    const entry = (key: string | null) => keys.get(key) ?? keys.set(key, { breakdown: [] }).get(key)!;
    let dossierTotals: KeyedDossiers | undefined;
    let stepTotals: KeyedSteps | undefined;
    for (const row of dossiers) {
      if (row.total) dossierTotals = row;
      else entry(row.key).d = row;
    }
    for (const row of steps) {
      // GROUPING(key, procedure_code, step): 0b111 the grand total, 0 per key and step, 0b011 per key.
      if (row.grouping === 7) stepTotals = row;
      else if (row.grouping === 0) entry(row.key).breakdown.push({ procedureCode: row.procedure_code!, step: row.step!, ...stepCounts(row) });
      else entry(row.key).s = row;
    }
    const names = await this.names(q.groupBy, [...keys.keys()].filter((k): k is string => k !== null));
    const rows: ReportRow[] = [...keys.entries()]
      .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
      .map(([key, { d, s, breakdown }]) => ({
        key,
        ...names(key),
        ...counts(d, s),
        ...(q.groupBy === 'step' ? {} : { steps: breakdown.sort((x, y) => `${x.procedureCode}/${x.step}`.localeCompare(`${y.procedureCode}/${y.step}`)) }),
      }));
    return {
      from: iso(period.from),
      to: iso(period.to),
      groupBy: q.groupBy,
      procedure: q.procedure ?? null,
      at: now.toISOString(),
      rows,
      totals: counts(dossierTotals, stepTotals),
    };
  }

  /**
   * Per week from each Monday (local dates) for `weeks` consecutive weeks, in one scan: the dossiers
   * received, and those finished with a result on time (early or on time) or late (with an apology
   * or not); the same figures as the totals of a report of that week.
   */
  async weekly(monday: string, weeks: number, where?: Jurisdiction): Promise<WeekTotals[]> {
    const st = new Statement(this.db.manager);
    const start = reportPeriod(monday).from!;
    const from = `${st.param(start)}::timestamptz`;
    const to = `${st.param(new Date(start.getTime() + weeks * WEEK_MS))}::timestamptz`;
    const week = (column: string) => `floor(extract(epoch FROM ${column} - ${from}) / ${WEEK_MS / 1000})::int`;
    const rows: { week: number; received: number; on_time: number; late: number }[] = await this.db.query(
      `WITH a AS (
         SELECT d.received_at, d.finished_at, d.status, coalesce(d.appointed_return_at, d.due_at) AS appointed FROM dossier d
          WHERE tstzrange(d.received_at, d.finished_at, '[]') && tstzrange(${from}, ${to}, '[)') ${inJurisdiction(st, where)})
       SELECT ${week('received_at')} AS week, count(*)::int AS received, 0 AS on_time, 0 AS late FROM a WHERE received_at >= ${from} GROUP BY 1
       UNION ALL
       SELECT ${week('finished_at')}, 0, count(*) FILTER (WHERE finished_at <= appointed)::int, count(*) FILTER (WHERE finished_at > appointed)::int
         FROM a WHERE finished_at >= ${from} AND finished_at < ${to} AND status NOT IN ('rejected', 'withdrawn') GROUP BY 1`,
      st.params,
    );
    return Array.from({ length: weeks }, (_, i) => {
      const of = rows.filter((r) => r.week === i);
      const sum = (k: 'received' | 'on_time' | 'late') => of.reduce((n, r) => n + r[k], 0);
      return { from: new Date(start.getTime() + i * WEEK_MS).toISOString(), received: sum('received'), doneOnTime: sum('on_time'), doneLate: sum('late') };
    });
  }

  /** Dossier counts per key, and (total = true) over the distinct dossiers. */
  private dossiers(period: Period, group: ReportGroup, procedure: string | undefined, now: Date, where?: Jurisdiction): Promise<KeyedDossiers[]> {
    const st = new Statement(this.db.manager);
    const from = period.from ? `${st.param(period.from)}::timestamptz` : null;
    // A period without an end ends now; a dossier in progress is judged at the end of the period, or now if that is later.
    const to = `${st.param(period.to ?? now)}::timestamptz`;
    const end = `${st.param(period.to && period.to < now ? period.to : now)}::timestamptz`;
    const at = `${st.param(now)}::timestamptz`;
    const sql = `
      WITH active AS (
        SELECT d.id, d.procedure_code, d.status, d.received_at, d.due_at, ${OUTCOME(to, end)} AS outcome, ${RESULT_FIGURES}
          FROM dossier d
         WHERE tstzrange(d.received_at, d.finished_at, '[]') && tstzrange(${from ?? 'NULL'}, ${to}, '[)')
           ${procedure ? `AND d.procedure_code = ${st.param(procedure)}` : ''}
           ${inJurisdiction(st, where)}),
      keyed AS (${DOSSIER_KEYS[group](to)})
      SELECT key, false AS total, ${DOSSIER_MEASURES(from, at)} FROM keyed GROUP BY key
      UNION ALL
      SELECT NULL, true, ${DOSSIER_MEASURES(from, at)} FROM active`;
    return this.db.query(sql, st.params);
  }

  /** Step figures per key, per key and step, and over all (GROUPING SETS). */
  private steps(period: Period, group: ReportGroup, procedure: string | undefined, now: Date, where?: Jurisdiction): Promise<KeyedSteps[]> {
    const st = new Statement(this.db.manager);
    const from = period.from ? `${st.param(period.from)}::timestamptz` : null;
    const to = `${st.param(period.to ?? now)}::timestamptz`;
    const within = (column: string) => `${from ? `s.${column} >= ${from} AND ` : ''}s.${column} < ${to}`;
    const sql = `
      WITH steps AS (
        SELECT ${STEP_KEYS[group]} AS key, s.procedure_code, s.step, s.worked_ms, s.late,
               (${within('ended_at')}) AND s.end_action <> 'withdraw' AS finished,
               (${within('started_at')}) AND s.received_late AS received_late_in
          FROM dossier_step s
         WHERE ((${within('ended_at')}) OR (${within('started_at')} AND s.received_late))
           ${procedure ? `AND s.procedure_code = ${st.param(procedure)}` : ''}
           ${where ? `AND EXISTS (SELECT 1 FROM dossier d WHERE d.id = s.dossier_id ${inJurisdiction(st, where)})` : ''})
      SELECT key, procedure_code, step, GROUPING(key, procedure_code, step)::int AS grouping, ${STEP_MEASURES}
        FROM steps GROUP BY GROUPING SETS ((key), (key, procedure_code, step), ())`;
    return this.db.query(sql, st.params);
  }

  /** The name (and, by unit, the short name; by official, ID number and unit; by step, the step) of each row's key. */
  private async names(group: ReportGroup, keys: string[]): Promise<(key: string | null) => RowNames> {
    if (group === 'procedure') return (key) => ({ name: procedureName(key) });
    if (group === 'step') {
      return (key) => {
        const [procedureCode, step] = key ? key.split('/') : [null, null];
        return { name: step ? (definedStep(step, procedureCode)?.label ?? step) : null, procedureCode, step };
      };
    }
    if (group === 'unit') {
      const units: { code: string; name: string; short_name: string | null }[] = await this.db.query(`SELECT code, name, short_name FROM unit WHERE code = ANY($1)`, [keys]);
      const byCode = new Map(units.map((u) => [u.code, u]));
      return (key) => {
        const unit = key ? byCode.get(key) : undefined;
        return { name: unit?.name ?? null, shortName: unit?.short_name ?? null };
      };
    }
    const officials: { id: string; full_name: string; id_number: string; unit_code: string }[] = await this.db.query(
      `SELECT id::text, full_name, id_number, unit_code FROM official WHERE id::text = ANY($1)`,
      [keys],
    );
    const byId = new Map(officials.map((o) => [o.id, o]));
    return (key) => {
      const o = key ? byId.get(key) : undefined;
      return { name: o?.full_name ?? null, idNumber: o?.id_number ?? null, unitCode: o?.unit_code ?? null };
    };
  }
}

function stepCounts(s: KeyedSteps | undefined): StepCounts {
  if (!s) return { ...NO_STEPS };
  return {
    stepsFinished: s.stepsFinished,
    stepsFinishedLate: s.stepsFinishedLate,
    handoversReceivedLate: s.handoversReceivedLate,
    medianWorkingHours: s.medianWorkingHours,
    p90WorkingHours: s.p90WorkingHours,
  };
}

function counts(d: KeyedDossiers | undefined, s: KeyedSteps | undefined): Counts {
  const { key: _k, total: _t, ...dossiers } = d ?? { ...NO_DOSSIERS, key: null, total: false };
  return {
    ...dossiers,
    doneOnTime: dossiers.finishedEarly + dossiers.finishedOnTime,
    doneLate: dossiers.finishedLateWithApology + dossiers.finishedLate,
    ...stepCounts(s),
  };
}

function iso(at: Period['from']): string | null {
  return at ? at.toISOString() : null;
}

function procedureName(code: string | null): string | null {
  return PROCEDURES.filter((p) => p.code === code).at(-1)?.name ?? null;
}
