import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { responsibleUnitSql, stepActorCte, stepActorsParam } from '../deadlines/responsible-unit.sql';
import { PROCEDURES } from '../workflow/definitions';
import { type Period, reportPeriod } from './period';
import type { ReportGroup } from './processing-report.query';

export interface Counts {
  received: number;
  inProgress: number;
  doneOnTime: number;
  doneLate: number;
  overdueNow: number;
  rejected: number;
}

export interface ReportRow extends Counts {
  key: string | null;
  name: string | null;
}

export interface ProcessingReport {
  from: string | null;
  to: string | null;
  groupBy: ReportGroup;
  at: string;
  rows: ReportRow[];
  totals: Counts;
}

export const COUNT_COLUMNS: (keyof Counts)[] = ['received', 'inProgress', 'doneOnTime', 'doneLate', 'overdueNow', 'rejected'];

/*
 * Definitions, over the dossiers RECEIVED in the period:
 * - received: all of them; inProgress: processing or awaiting a supplement;
 * - doneOnTime / doneLate: approved or disbursed, finished_at <= due_at (the appointed return
 *   date, NgayHenTra, after any apology) or later; rejected: refused at any step;
 * - overdueNow: in progress with the current step past its due date at the report's `now`
 *   (a dossier waiting for the applicant is not overdue: its clock is paused).
 * Who a dossier counts under:
 * - unit: while a step runs, the unit holding it (the deadline pass's responsible unit);
 *   otherwise (finished, or waiting for a supplement) the unit of the last history event's
 *   actor, i.e. the unit that finished it or asked for the supplement;
 * - official: likewise, the officials granted the running step in that unit (each of them, so
 *   the rows may add up to more than the totals), or the official who took the last action.
 * Dossiers no unit or official can be found for fall under key null.
 */
const MEASURES = `
  count(*)::int AS received,
  count(*) FILTER (WHERE status IN ('processing', 'awaiting-supplement'))::int AS "inProgress",
  count(*) FILTER (WHERE status IN ('approved', 'disbursed') AND finished_at <= due_at)::int AS "doneOnTime",
  count(*) FILTER (WHERE status IN ('approved', 'disbursed') AND NOT coalesce(finished_at <= due_at, false))::int AS "doneLate",
  count(*) FILTER (WHERE status IN ('processing', 'awaiting-supplement') AND step_due_at < $3)::int AS "overdueNow",
  count(*) FILTER (WHERE status = 'rejected')::int AS rejected`;

const LAST_EVENT = `(SELECT e.actor FROM dossier_event e WHERE e.dossier_id = d.id AND e.seq = d.version)`;

const KEYS: Record<ReportGroup, string> = {
  procedure: `SELECT d.*, d.procedure_code AS key FROM base d`,
  unit: `SELECT d.*, CASE WHEN d.current_step IS NOT NULL THEN ${responsibleUnitSql('d')} ELSE ${LAST_EVENT}->>'unitCode' END AS key
           FROM base d`,
  official: `SELECT d.*, k.key FROM base d
    LEFT JOIN LATERAL (
      SELECT o.id::text AS key FROM official o JOIN "grant" g ON g.official_id = o.id
       WHERE d.current_step IS NOT NULL AND o.active AND o.unit_code = ${responsibleUnitSql('d')}
         AND g.procedure_code = d.procedure_code AND g.step = d.current_step
      UNION ALL
      SELECT p.official_id::text FROM principal p
       WHERE d.current_step IS NULL AND p.official_id IS NOT NULL
         AND p.id::text = ${LAST_EVENT}->>'principalId'
    ) k ON true`,
};

const NAMES: Record<ReportGroup, string> = {
  procedure: `SELECT NULL::text AS name`,
  unit: `SELECT u.name FROM unit u WHERE u.code = r.key`,
  official: `SELECT o.full_name FROM official o WHERE o.id::text = r.key`,
};

@Injectable()
export class ProcessingReportService {
  constructor(private readonly db: DataSource) {}

  async report(q: { from?: string; to?: string; groupBy: ReportGroup }, now: Date): Promise<ProcessingReport> {
    const period = reportPeriod(q.from, q.to);
    const params = [period.from, period.to, now, stepActorsParam()];
    const base = `${stepActorCte('$4')},
      base AS (SELECT id, procedure_code, procedure_version, status, current_step, step_due_at, due_at, finished_at,
                       province_code, district_code, version
                  FROM dossier WHERE ($1::timestamptz IS NULL OR received_at >= $1) AND ($2::timestamptz IS NULL OR received_at < $2))`;
    const rows: ReportRow[] = await this.db.query(
      `WITH ${base}, keyed AS (${KEYS[q.groupBy]}),
            grouped AS (SELECT key, ${MEASURES} FROM keyed GROUP BY key)
       SELECT r.*, (${NAMES[q.groupBy]}) AS name FROM grouped r ORDER BY r.key NULLS LAST`,
      params,
    );
    const [totals]: Counts[] = await this.db.query(`WITH ${base} SELECT ${MEASURES} FROM base`, params);
    return {
      from: iso(period.from),
      to: iso(period.to),
      groupBy: q.groupBy,
      at: now.toISOString(),
      rows: rows.map((r) => ({ ...r, name: q.groupBy === 'procedure' ? procedureName(r.key) : r.name })),
      totals,
    };
  }
}

function iso(at: Period['from']): string | null {
  return at ? at.toISOString() : null;
}

function procedureName(code: string | null): string | null {
  return PROCEDURES.filter((p) => p.code === code).at(-1)?.name ?? null;
}
