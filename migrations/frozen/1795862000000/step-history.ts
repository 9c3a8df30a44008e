// A dossier's clocks and step record read back from its history, with the pure functions the live
// write used when the step record was added (frozen in ./clock.ts): for dossiers received before it
// existed. Replayed on the working calendar of that day (./working-calendar.ts) and today's swaps.
import { type Clock, type EndedStep, moveOf, nextClock, NO_CLOCK, stepHandover, type WorkingTime } from './clock';
import { type FrozenProcedure as Procedure, PROCEDURES } from './procedures';
import { holderUnitSql, stepActorCte, stepActorsParam } from './responsible-unit.sql';
import { type OfficeHours, WorkingCalendar } from './working-calendar';

const findProcedure = (code: string, version: number) => PROCEDURES.find((p) => p.code === code && p.version === version);

/** What the replay reads of a history event. */
export interface PastEvent {
  seq: number;
  type: string;
  action: string | null;
  fromState: string | null;
  toState: string;
  actor: { principalId: string | null; unitCode: string | null };
  data: Record<string, unknown> | null;
  at: Date;
}

export interface PastStep {
  seq: number;
  step: string;
  startedAt: Date;
  dueAt: Date | null;
  receivedLate: boolean | null;
  ended: (EndedStep & { seq: number; at: Date; unitCode: string | null; principalId: string | null }) | null;
}


/** The clock after the last event and every step held, oldest first. */
export function replaySteps(procedure: Procedure, events: PastEvent[], cal: WorkingTime): { clock: Clock; steps: PastStep[] } {
  let clock = NO_CLOCK;
  const steps: PastStep[] = [];
  for (const e of events) {
    if (e.type === 'apology') {
      const date = e.data?.newReturnDate;
      if (typeof date === 'string') clock = { ...clock, dueAt: new Date(date) };
      continue;
    }
    const move = moveOf(procedure, e.fromState ?? 'submission', e.toState);
    const after = nextClock(procedure, clock, move, cal, e.at);
    const handover = stepHandover(move, e.action ?? e.type, clock, after, cal, e.at);
    const open = steps.at(-1);
    if (handover?.ended && open && !open.ended) {
      open.ended = { ...handover.ended, seq: e.seq, at: e.at, unitCode: e.actor.unitCode, principalId: e.actor.principalId };
      open.dueAt = handover.ended.dueAt;
    }
    if (handover?.started) {
      const s = handover.started;
      steps.push({ seq: e.seq, step: s.step, startedAt: e.at, dueAt: s.dueAt, receivedLate: s.receivedLate, ended: null });
    }
    clock = after;
  }
  return { clock, steps };
}

/** Runs one statement (a migration's query runner, or a DataSource). */
export type Query = <T = unknown>(sql: string, params?: unknown[]) => Promise<T>;

const BATCH = 1000;

/** Replays every dossier's history, BATCH dossiers at a time, into its clock columns and dossier_step rows. */
export async function backfillSteps(query: Query, officeHours: OfficeHours): Promise<void> {
  const days: { date: string; kind: string; name: string | null }[] = await query(`SELECT date::text AS date, kind, name FROM calendar_day`);
  const calendar = new WorkingCalendar(
    {
      holidays: days.filter((d) => d.kind === 'holiday').map((d) => ({ date: d.date, name: d.name ?? '' })),
      workingDays: days.filter((d) => d.kind === 'working-day').map((d) => d.date),
    },
    officeHours,
  );
  // The unit: the acting official's; for a step still running (or withdrawn), the responsible unit now.
  const holder = holderUnitSql({ kind: 'k.actor', procedureCode: 's.procedure_code', step: 's.step', provinceCode: 'd.province_code', districtCode: 'd.district_code' });
  for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
    const dossiers: PastDossier[] = await query(
      `SELECT d.id, d.procedure_code, d.procedure_version, d.due_at, d.due_remaining_ms,
              EXISTS (SELECT 1 FROM apology p WHERE p.dossier_id = d.id) AS apologised
         FROM dossier d WHERE d.id > $1 ORDER BY d.id LIMIT ${BATCH}`,
      [after],
    );
    if (dossiers.length === 0) return;
    after = dossiers[dossiers.length - 1].id;
    const history = new Map<string, PastEvent[]>();
    const rows: (PastEvent & { dossierId: string })[] = await query(
      `SELECT dossier_id AS "dossierId", seq, type, action, from_state AS "fromState", to_state AS "toState", actor, data, at
         FROM dossier_event WHERE dossier_id = ANY($1::uuid[]) ORDER BY dossier_id, seq`,
      [dossiers.map((d) => d.id)],
    );
    for (const { dossierId, ...event } of rows) history.set(dossierId, [...(history.get(dossierId) ?? []), event]);
    const clocks: object[] = [];
    const steps: object[] = [];
    for (const d of dossiers) {
      const procedure = findProcedure(d.procedure_code, d.procedure_version);
      const events = history.get(d.id);
      if (!procedure || !events) continue;
      const { clock, steps: held } = replaySteps(procedure, events, calendar);
      // Without an apology the date in force is the appointed date: keep the stored one.
      const appointed = d.apologised
        ? clock
        : { appointedReturnAt: d.due_at, appointedRemainingMs: d.due_remaining_ms === null ? null : Number(d.due_remaining_ms) };
      clocks.push({
        id: d.id,
        appointed_return_at: appointed.appointedReturnAt?.toISOString() ?? null,
        appointed_remaining_ms: appointed.appointedRemainingMs,
        step_worked_ms: clock.stepWorkedMs,
        step_running_since: clock.stepRunningSince?.toISOString() ?? null,
      });
      for (const s of held) {
        steps.push({
          dossier_id: d.id, seq: s.seq, procedure_code: d.procedure_code, procedure_version: d.procedure_version, step: s.step,
          started_at: s.startedAt.toISOString(), due_at: s.dueAt?.toISOString() ?? null, received_late: s.receivedLate,
          unit_code: s.ended?.unitCode ?? null, principal_id: s.ended?.principalId ?? null,
          ended_at: s.ended?.at.toISOString() ?? null, ended_seq: s.ended?.seq ?? null, end_action: s.ended?.action ?? null,
          worked_ms: s.ended?.workedMs ?? null, late: s.ended?.late ?? null,
        });
      }
    }
    await query(
      `UPDATE dossier d SET appointed_return_at = c.appointed_return_at, appointed_remaining_ms = c.appointed_remaining_ms,
              step_worked_ms = c.step_worked_ms, step_running_since = c.step_running_since
         FROM jsonb_to_recordset($1::jsonb) AS c(id uuid, appointed_return_at timestamptz, appointed_remaining_ms bigint,
                                                 step_worked_ms bigint, step_running_since timestamptz)
        WHERE d.id = c.id`,
      [JSON.stringify(clocks)],
    );
    await query(
      `WITH ${stepActorCte('$2')}
       INSERT INTO dossier_step (dossier_id, seq, procedure_code, procedure_version, step, unit_code, official_id, started_at, due_at,
                                 received_late, ended_at, ended_seq, end_action, worked_ms, late)
       SELECT s.dossier_id, s.seq, s.procedure_code, s.procedure_version, s.step, coalesce(s.unit_code, ${holder}),
              (SELECT p.official_id FROM principal p WHERE p.id = s.principal_id),
              s.started_at, s.due_at, s.received_late, s.ended_at, s.ended_seq, s.end_action, s.worked_ms, s.late
         FROM jsonb_to_recordset($1::jsonb) AS s(dossier_id uuid, seq int, procedure_code varchar, procedure_version int, step varchar,
                                                 started_at timestamptz, due_at timestamptz, received_late boolean, unit_code varchar,
                                                 principal_id uuid, ended_at timestamptz, ended_seq int, end_action varchar,
                                                 worked_ms bigint, late boolean)
         JOIN dossier d ON d.id = s.dossier_id
         LEFT JOIN step_actor k ON k.procedure_code = s.procedure_code AND k.procedure_version = s.procedure_version AND k.step = s.step`,
      [JSON.stringify(steps), stepActorsParam()],
    );
  }
}

interface PastDossier {
  id: string;
  procedure_code: string;
  procedure_version: number;
  due_at: Date | null;
  due_remaining_ms: string | null;
  apologised: boolean;
}
