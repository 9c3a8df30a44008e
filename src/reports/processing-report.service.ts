import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Statement } from '../database/statement';
import { definedStep, PROCEDURES } from '../workflow/definitions';
import { countedDays, type Period, reportPeriod } from './period';
import type { ReportGroup } from './processing-report.query';
import {
  type Counts,
  DOSSIER_COLUMNS,
  RESULT_COLUMNS,
  type DossierCounts,
  type ProcessingReport,
  type ReportRow,
  type StepBreakdown,
  type StepCounts,
} from './processing-report';

/*
 * A dossier is in the report of the period [from, to) when it was open at some time in it:
 * received before `to` and not finished before `from`. Its outcome, at the end of the period:
 * - finished in the period: rejected (a result too, on time by the appointed date or late),
 *   withdrawn, or with its result: early (on a day before the appointed return date's day), on time
 *   (on that day, by the appointed time), late with apology (after the appointed date, by the
 *   apology's new date), late (after both); a loan's result is its signing (disburse);
 * - otherwise in progress: overdue when its return date in force (dossier.due_at) was past at the
 *   end of the period (or now, for a period not yet over); a dossier waiting for the applicant is
 *   within time (its clock is paused).
 * The appointed date is the legal one (dossier.appointed_return_at), which an apology never moves.
 *
 * Read so that no part grows with the history (docs/reports.md, "Day counters"):
 * - finished in the period (F): settled when it happens, so counted per day by the database
 *   (report_dossier_day, kept by triggers in the statement that finishes the dossier); the
 *   period's partial first and last days from the dossiers finished in them (ix_dossier_finished);
 * - in progress at `to` (P), outcome and "overdue now" by the clock: the dossiers open at the
 *   instant `to` (ix_dossier_active), as many as were open then, never the whole history;
 * - carried over (C): those of P received before `from`, and the dossiers open at the instant
 *   `from` that finished before `to`;
 * - received: every dossier open in the period is carried over or received, and finished or in
 *   progress, so received = F + P - C, per key as in total.
 */

/** A finished dossier's outcome: the database's function, which the day counters count by too. */
const FINISHED = `report_finished_outcome(d.status, d.finished_at, coalesce(d.appointed_return_at, d.due_at), d.due_at)`;
const RESULTS = `IN ('early', 'on-time', 'late-with-apology', 'late')`;

/** The columns every source of dossier figures gives, in this order, with the key it counts under. */
const DOSSIER_ROW = `procedure_code, step, unit_code, official_id, early, on_time, late_with_apology, late, withdrawn, refused_on_time, refused_late,
  within_time, overdue, overdue_now, carried, supported, approved, lent`;

/** One finished dossier's figures (its outcome `o`), as the day counters hold them. */
const FINISHED_FIGURES = `(o = 'early')::int, (o = 'on-time')::int, (o = 'late-with-apology')::int, (o = 'late')::int, (o = 'withdrawn')::int,
  (o = 'rejected-on-time')::int, (o = 'rejected-late')::int, 0, 0, 0, 0,
  CASE WHEN o ${RESULTS} THEN report_supported(d.loan, d.eligibility, d.worker_count) END,
  CASE WHEN o ${RESULTS} THEN (d.eligibility->'totals'->>'supportAmount')::bigint END,
  CASE WHEN o ${RESULTS} THEN (d.loan->>'amount')::bigint END`;

/** The step a dossier was at when the period ended (or the one that ended it). */
const HELD = (t: string) => `LEFT JOIN LATERAL (
    SELECT s.unit_code, s.step, s.official_id FROM dossier_step s
     WHERE s.dossier_id = d.id AND s.started_at < ${t} ORDER BY s.seq DESC LIMIT 1) h ON true`;

const sum = (column: string) => `coalesce(sum(${column}), 0)`;
const FINISHED_SUM = `${sum('early + on_time + late_with_apology + late + withdrawn + refused_on_time + refused_late')}`;
const IN_PROGRESS_SUM = `${sum('within_time + overdue')}`;

const DOSSIER_MEASURES = `
  ${sum('carried')}::int AS "carriedOver",
  (${FINISHED_SUM} + ${IN_PROGRESS_SUM} - ${sum('carried')})::int AS received,
  ${sum('early')}::int AS "finishedEarly",
  ${sum('on_time')}::int AS "finishedOnTime",
  ${sum('late_with_apology')}::int AS "finishedLateWithApology",
  ${sum('late')}::int AS "finishedLate",
  ${IN_PROGRESS_SUM}::int AS "inProgress",
  ${sum('within_time')}::int AS "inProgressWithinTime",
  ${sum('overdue')}::int AS "inProgressOverdue",
  ${sum('overdue_now')}::int AS "overdueNow",
  ${sum('withdrawn')}::int AS withdrawn,
  ${sum('refused_on_time + refused_late')}::int AS rejected,
  ${sum('refused_on_time')}::int AS "refusedOnTime",
  ${sum('refused_late')}::int AS "refusedLate",
  ${sum('supported')}::int AS "workersSupported",
  ${sum('approved')}::float8 AS "fundsApproved",
  ${sum('lent')}::float8 AS "fundsLent"`;

/**
 * Who a dossier counts under: the unit holding it at the end of the period or whose action ended
 * it; its step; its procedure; the official who ended that step, or, while it runs (or when the
 * portal withdrew it), each active official of the unit granted the step (so official rows may
 * add up to more than the totals).
 */
const DOSSIER_KEYS: Record<ReportGroup, string> = {
  procedure: `SELECT r.*, r.procedure_code::text AS key FROM rows r`,
  unit: `SELECT r.*, r.unit_code::text AS key FROM rows r`,
  step: `SELECT r.*, r.procedure_code || '/' || r.step AS key FROM rows r`,
  official: `SELECT r.*, k.key FROM rows r
    LEFT JOIN LATERAL (
      SELECT r.official_id::text AS key WHERE r.official_id IS NOT NULL
      UNION ALL
      SELECT o.id::text FROM official o JOIN "grant" g ON g.official_id = o.id
       WHERE r.official_id IS NULL AND o.unit_code = r.unit_code AND o.active AND g.procedure_code = r.procedure_code AND g.step = r.step
    ) k ON true`,
};

const STEP_KEYS: Record<ReportGroup, string> = {
  procedure: 'r.procedure_code::text',
  unit: 'r.unit_code::text',
  step: `r.procedure_code || '/' || r.step`,
  official: 'r.official_id::text',
};

const HOURS = (fraction: number) => `round((percentile_cont(${fraction}) WITHIN GROUP (ORDER BY ms) / 3600000.0)::numeric, 2)::float8`;

const STEP_MEASURES = `
  ${sum('finished')}::int AS "stepsFinished",
  ${sum('late')}::int AS "stepsFinishedLate",
  ${sum('late_in')}::int AS "handoversReceivedLate",
  ${HOURS(0.5)} AS "medianWorkingHours",
  ${HOURS(0.9)} AS "p90WorkingHours"`;

const NO_STEPS: StepCounts = { stepsFinished: 0, stepsFinishedLate: 0, handoversReceivedLate: 0, medianWorkingHours: null, p90WorkingHours: null };
const NO_DOSSIERS = Object.fromEntries([...DOSSIER_COLUMNS, ...RESULT_COLUMNS].map((c) => [c, 0])) as unknown as Omit<DossierCounts, 'doneOnTime' | 'doneLate'>;

/** Where an official's report is confined: the dossiers of their unit's province (and district). */
export interface Jurisdiction {
  provinceCode: string;
  districtCode: string | null;
}

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

@Injectable()
export class ProcessingReportService {
  constructor(private readonly db: DataSource) {}

  /** The same reports read from `db` (the replica, when it is fresh enough). */
  on(db: DataSource): ProcessingReportService {
    return db === this.db ? this : new ProcessingReportService(db);
  }

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
    // Whole Vietnam days from a Monday: the day counters alone.
    const first = `${st.param(monday)}::date`;
    const days = `d.day >= ${first} AND d.day < ${first} + ${st.param(weeks * 7)}::int ${inJurisdiction(st, where)}`;
    const rows: { week: number; received: number; on_time: number; late: number }[] = await this.db.query(
      `SELECT (d.day - ${first}) / 7 AS week, sum(d.received)::int AS received, 0 AS on_time, 0 AS late FROM report_received_day d WHERE ${days} GROUP BY 1
       UNION ALL
       SELECT (d.day - ${first}) / 7, 0, sum(d.finished_early + d.finished_on_time)::int, sum(d.finished_late_with_apology + d.finished_late)::int
         FROM report_dossier_day d WHERE ${days} GROUP BY 1`,
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
    // A period without an end ends now; a dossier in progress is judged at the end of the period, or now if that is later.
    const until = period.to ?? now;
    const { days, edges } = countedDays(period.from, until);
    const from = period.from ? `${st.param(period.from)}::timestamptz` : null;
    const to = `${st.param(until)}::timestamptz`;
    const end = `${st.param(period.to && period.to < now ? period.to : now)}::timestamptz`;
    const at = `${st.param(now)}::timestamptz`;
    const scope = `${procedure ? `AND d.procedure_code = ${st.param(procedure)}` : ''} ${inJurisdiction(st, where)}`;
    const openAt = (t: string) => `tstzrange(d.received_at, d.finished_at, '[]') @> ${t} AND d.received_at < ${t}`;
    const parts = [
      `SELECT d.procedure_code, h.step, h.unit_code, h.official_id, 0, 0, 0, 0, 0, 0, 0,
              ((d.due_at < ${end}) IS NOT TRUE)::int, coalesce(d.due_at < ${end}, false)::int,
              coalesce(d.status IN ('processing', 'awaiting-supplement') AND d.due_at < ${at}, false)::int, ${from ? `(d.received_at < ${from})::int` : '0'},
              NULL::bigint, NULL::bigint, NULL::bigint
         FROM dossier d ${HELD(to)} WHERE ${openAt(to)} ${scope}`,
    ];
    if (from) {
      parts.push(`SELECT d.procedure_code, h.step, h.unit_code, h.official_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, NULL::bigint, NULL::bigint, NULL::bigint
         FROM dossier d ${HELD(to)} WHERE ${openAt(from)} AND d.finished_at < ${to} ${scope}`);
    }
    if (edges.length) {
      const within = edges.map(([a, b]) => `(d.finished_at >= ${st.param(a)}::timestamptz AND d.finished_at < ${st.param(b)}::timestamptz)`).join(' OR ');
      parts.push(`SELECT d.procedure_code, h.step, h.unit_code, h.official_id, ${FINISHED_FIGURES}
         FROM dossier d ${HELD(to)} CROSS JOIN LATERAL (SELECT ${FINISHED} AS o) x WHERE (${within}) ${scope}`);
    }
    if (days) {
      parts.push(`SELECT d.procedure_code, d.step, d.unit_code, d.official_id, d.finished_early, d.finished_on_time, d.finished_late_with_apology, d.finished_late,
              d.withdrawn, d.refused_on_time, d.refused_late, 0, 0, 0, 0, d.workers_supported, d.funds_approved, d.funds_lent
         FROM report_dossier_day d
        WHERE ${days.from ? `d.day >= ${st.param(days.from)}::date AND ` : ''}d.day < ${st.param(days.to)}::date ${scope}
          AND d.finished_early + d.finished_on_time + d.finished_late_with_apology + d.finished_late + d.withdrawn + d.refused_on_time + d.refused_late > 0`);
    }
    const sql = `
      WITH rows (${DOSSIER_ROW}) AS (${parts.join('\n UNION ALL ')}),
      keyed AS (${DOSSIER_KEYS[group]})
      SELECT key, false AS total, ${DOSSIER_MEASURES} FROM keyed GROUP BY key
      UNION ALL
      SELECT NULL, true, ${DOSSIER_MEASURES} FROM rows`;
    return this.db.query(sql, st.params);
  }

  /** Step figures per key, per key and step, and over all (GROUPING SETS). */
  private steps(period: Period, group: ReportGroup, procedure: string | undefined, now: Date, where?: Jurisdiction): Promise<KeyedSteps[]> {
    const st = new Statement(this.db.manager);
    const { days, edges } = countedDays(period.from, period.to ?? now);
    const procedureOnly = (alias: string) => (procedure ? `AND ${alias}.procedure_code = ${st.param(procedure)}` : '');
    const parts: string[] = [];
    if (edges.length) {
      const within = (column: string) => edges.map(([a, b]) => `(s.${column} >= ${st.param(a)}::timestamptz AND s.${column} < ${st.param(b)}::timestamptz)`).join(' OR ');
      parts.push(`SELECT s.procedure_code, s.step, s.unit_code, s.official_id, e.ended::int, f::int, (f AND coalesce(s.late, false))::int,
              (l AND s.received_late)::int, CASE WHEN f AND s.worked_ms IS NOT NULL THEN ARRAY[s.worked_ms] ELSE '{}' END
         FROM dossier_step s
        CROSS JOIN LATERAL (SELECT (${within('ended_at')}) AS ended, (${within('started_at')}) AS l) e
        CROSS JOIN LATERAL (SELECT e.ended AND coalesce(s.end_action <> 'withdraw', false) AS f) x
        WHERE ((${within('ended_at')}) OR ((${within('started_at')}) AND s.received_late)) ${procedureOnly('s')}
          ${where ? `AND EXISTS (SELECT 1 FROM dossier d WHERE d.id = s.dossier_id ${inJurisdiction(st, where)})` : ''}`);
    }
    if (days) {
      parts.push(`SELECT d.procedure_code, d.step, d.unit_code, d.official_id, d.steps_ended, d.steps_finished, d.steps_finished_late, d.handovers_received_late, d.worked_ms
         FROM report_step_day d
        WHERE ${days.from ? `d.day >= ${st.param(days.from)}::date AND ` : ''}d.day < ${st.param(days.to)}::date ${procedureOnly('d')} ${inJurisdiction(st, where)}
          AND d.steps_ended + d.handovers_received_late > 0`);
    }
    // The counts once per source row, the worked times one row each (percentiles skip the NULLs).
    const sql = `
      WITH rows (procedure_code, step, unit_code, official_id, ended, finished, late, late_in, worked) AS (
        ${parts.length ? parts.join('\n UNION ALL ') : 'SELECT NULL::varchar, NULL::varchar, NULL::varchar, NULL::uuid, 0, 0, 0, 0, NULL::bigint[] WHERE false'}),
      steps AS (
        SELECT ${STEP_KEYS[group]} AS key, r.procedure_code, r.step, r.finished, r.late, r.late_in, NULL::bigint AS ms FROM rows r
        UNION ALL
        SELECT ${STEP_KEYS[group]}, r.procedure_code, r.step, 0, 0, 0, w.ms FROM rows r CROSS JOIN LATERAL unnest(r.worked) AS w(ms))
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
