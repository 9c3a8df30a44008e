// Pure: a dossier's steps as the control slip (form 05) and the console's timeline show them: the
// hand-over that started each, who ended it, how it ended against its time limit, and the pauses
// for a supplement inside it.
import { localDate } from '../calendar/core';
import type { StepResult } from './forms/form-05';

export interface StepRow {
  seq: number;
  step: string;
  unit_code: string | null;
  unit_name: string | null;
  official_name: string | null;
  started_at: Date;
  due_at: Date | null;
  ended_at: Date | null;
  end_action: string | null;
  worked_ms: number | string | null;
  late: boolean | null;
}

export interface Pause {
  from: Date;
  /** null while the applicant has not answered. */
  to: Date | null;
}

export interface StepRecord {
  seq: number;
  step: string;
  unitCode: string | null;
  unitName: string;
  /** The official whose action ended the step. */
  officialName: string | null;
  startedAt: Date;
  dueAt: Date | null;
  endedAt: Date | null;
  endAction: string | null;
  /** Office time spent, supplement pauses excluded; null while it runs. */
  workedMs: number | null;
  result: StepResult;
  pauses: Pause[];
}

/** Early when it ended on a day before its due day, on time by its limit, else late. */
export function stepResult(row: Pick<StepRow, 'ended_at' | 'end_action' | 'late' | 'due_at'>): StepResult {
  if (!row.ended_at) return 'running';
  if (row.end_action === 'withdraw') return 'withdrawn';
  if (row.late) return 'late';
  if (row.due_at && localDate(row.ended_at) < localDate(row.due_at)) return 'early';
  return 'on-time';
}

/** Pairs each supplement request with the applicant's supplement that followed it. */
export function pausesOf(events: { action: string | null; at: Date }[]): Pause[] {
  const pauses: Pause[] = [];
  for (const e of events) {
    if (e.action === 'request-supplement') pauses.push({ from: e.at, to: null });
    else if (e.action === 'supplement' && pauses.length && pauses[pauses.length - 1].to === null) pauses[pauses.length - 1].to = e.at;
  }
  return pauses;
}

export function stepRecords(rows: StepRow[], pauses: Pause[]): StepRecord[] {
  return rows.map((r) => ({
    seq: r.seq,
    step: r.step,
    unitCode: r.unit_code,
    unitName: r.unit_name ?? r.unit_code ?? '—',
    officialName: r.official_name,
    startedAt: r.started_at,
    dueAt: r.due_at,
    endedAt: r.ended_at,
    endAction: r.end_action,
    workedMs: r.worked_ms === null ? null : Number(r.worked_ms),
    result: stepResult(r),
    pauses: pauses.filter((p) => p.from >= r.started_at && (r.ended_at === null || p.from < r.ended_at)),
  }));
}
