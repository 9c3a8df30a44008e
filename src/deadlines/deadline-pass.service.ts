import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { invalid } from '../common/domain-error';
import { CalendarRangeError } from './calendar';
import { CalendarService } from './calendar.service';
import { nearDueHorizon } from './near-due';
import { responsibleUnitSql, stepActorCte, stepActorsParam } from './responsible-unit.sql';

/** What one pass saw and did, for one kind of subject or for both. */
export interface DeadlinePassCounts {
  /** Subjects with a running deadline: dossiers with a running step (step_due_at set), feedback
   *  awaiting forwarding or an answer (due_at set). */
  scanned: number;
  /** Open near-due / overdue alerts after the pass: the subjects in that situation now. */
  nearDue: number;
  overdue: number;
  /** Alerts this pass opened. */
  newAlerts: number;
  /** Alerts this pass closed because the step moved on, its due date moved, or it was resolved. */
  closedAlerts: number;
}

/** The top-level counts are the sums over dossiers and feedback, so they all count the same alerts. */
export interface DeadlinePassResult extends DeadlinePassCounts {
  dossiers: DeadlinePassCounts;
  feedback: DeadlinePassCounts;
  /** Another instance held the pass; this one did nothing (every count 0). */
  skipped: boolean;
}

const NONE: DeadlinePassCounts = { scanned: 0, nearDue: 0, overdue: 0, newAlerts: 0, closedAlerts: 0 };

// The subjects with a running deadline, and the open alerts after the pass, per subject type.
const COUNT_SQL = `
  SELECT (SELECT count(*) FROM dossier WHERE step_due_at IS NOT NULL)::int AS "dossierScanned",
         (SELECT count(*) FROM feedback WHERE due_at IS NOT NULL)::int AS "feedbackScanned",
         count(*) FILTER (WHERE subject_type = 'dossier' AND kind = 'near-due')::int AS "dossierNearDue",
         count(*) FILTER (WHERE subject_type = 'dossier' AND kind = 'overdue')::int AS "dossierOverdue",
         count(*) FILTER (WHERE subject_type = 'feedback' AND kind = 'near-due')::int AS "feedbackNearDue",
         count(*) FILTER (WHERE subject_type = 'feedback' AND kind = 'overdue')::int AS "feedbackOverdue"
    FROM deadline_alert WHERE closed_at IS NULL`;

function total(a: DeadlinePassCounts, b: DeadlinePassCounts): DeadlinePassCounts {
  return {
    scanned: a.scanned + b.scanned,
    nearDue: a.nearDue + b.nearDue,
    overdue: a.overdue + b.overdue,
    newAlerts: a.newAlerts + b.newAlerts,
    closedAlerts: a.closedAlerts + b.closedAlerts,
  };
}

// Any constant works; it only has to be the same for every instance.
const DEADLINE_PASS_LOCK = 4_201_552_021;

// An open alert no longer applies when the dossier left the step, the step's due date moved
// (apology, supplement pause/resume), or, for near-due, the step became overdue or an apology
// was given. Visits open alerts only (partial index) and their dossiers by primary key.
const CLOSE_SQL = `
  WITH closed AS (
  UPDATE deadline_alert a SET closed_at = $1
    FROM dossier d
   WHERE a.closed_at IS NULL AND a.subject_type = 'dossier' AND d.id = a.subject_id
     AND (d.current_step IS DISTINCT FROM a.step
          OR d.step_due_at IS DISTINCT FROM a.due_at
          OR (a.kind = 'near-due' AND (d.step_due_at < $1 OR EXISTS (SELECT 1 FROM apology p WHERE p.dossier_id = d.id))))
  RETURNING 1)
  SELECT count(*)::int AS n FROM closed`;

// New alerts for dossiers due before the horizon: a range scan on ix_dossier_open_step_due, so
// dossiers due later are never read. The partial unique index makes repeats (and a concurrent
// pass that got past the lock anyway) no-ops; its per-row conflict check stays linear however
// stale deadline_alert's statistics are (docs/benchmarks.md, "The deadline pass").
const OPEN_SQL = `
  WITH ${stepActorCte('$3')}, opened AS (
  INSERT INTO deadline_alert (id, subject_type, subject_id, kind, step, unit_code, due_at, opened_at)
  SELECT gen_random_uuid(), 'dossier', d.id,
         CASE WHEN d.step_due_at < $1 THEN 'overdue' ELSE 'near-due' END,
         d.current_step, ${responsibleUnitSql('d')}, d.step_due_at, $1
    FROM dossier d
   WHERE d.step_due_at IS NOT NULL AND d.step_due_at <= $2 AND d.current_step IS NOT NULL
     AND (d.step_due_at < $1 OR NOT EXISTS (SELECT 1 FROM apology p WHERE p.dossier_id = d.id))
  ON CONFLICT (subject_type, subject_id, step, kind) WHERE closed_at IS NULL DO NOTHING
  RETURNING 1)
  SELECT count(*)::int AS n FROM opened`;

// Feedback: the step is the feedback's state: `received` (forwarding, by the provincial
// office: no unit) or `assigned` (answering, by the assigned unit); due_at is null once answered.
const CLOSE_FEEDBACK_SQL = `
  WITH closed AS (
  UPDATE deadline_alert a SET closed_at = $1
    FROM feedback f
   WHERE a.closed_at IS NULL AND a.subject_type = 'feedback' AND f.id = a.subject_id
     AND (f.state IS DISTINCT FROM a.step OR f.unit_code IS DISTINCT FROM a.unit_code
          OR f.due_at IS DISTINCT FROM a.due_at OR (a.kind = 'near-due' AND f.due_at < $1))
  RETURNING 1)
  SELECT count(*)::int AS n FROM closed`;

const OPEN_FEEDBACK_SQL = `
  WITH opened AS (
  INSERT INTO deadline_alert (id, subject_type, subject_id, kind, step, unit_code, due_at, opened_at)
  SELECT gen_random_uuid(), 'feedback', f.id, CASE WHEN f.due_at < $1 THEN 'overdue' ELSE 'near-due' END,
         f.state, f.unit_code, f.due_at, $1
    FROM feedback f
   WHERE f.due_at IS NOT NULL AND f.due_at <= $2
  ON CONFLICT (subject_type, subject_id, step, kind) WHERE closed_at IS NULL DO NOTHING
  RETURNING 1)
  SELECT count(*)::int AS n FROM opened`;

/**
 * One deadline pass: opens near-due and overdue alerts and closes stale ones, with
 * set-based SQL only, so its memory does not grow with the number of dossiers. One pass at a
 * time across instances: a transaction-scoped advisory lock; a pass that finds it taken returns
 * at once with `skipped` (the running pass does the work).
 */
@Injectable()
export class DeadlinePassService {
  private readonly logger = new Logger('DeadlinePass');

  constructor(
    private readonly db: DataSource,
    private readonly calendars: CalendarService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(now: Date): Promise<DeadlinePassResult> {
    const horizon = await this.horizon(now);
    const result = await this.db.transaction(async (m): Promise<DeadlinePassResult> => {
      const [{ locked }] = await m.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [DEADLINE_PASS_LOCK]);
      if (!locked) return { ...NONE, dossiers: NONE, feedback: NONE, skipped: true };
      const [closed] = await m.query(CLOSE_SQL, [now]);
      const [opened] = await m.query(OPEN_SQL, [now, horizon, stepActorsParam()]);
      const [feedbackClosed] = await m.query(CLOSE_FEEDBACK_SQL, [now]);
      const [feedbackOpened] = await m.query(OPEN_FEEDBACK_SQL, [now, horizon]);
      const [c] = await m.query(COUNT_SQL);
      const dossiers = { scanned: c.dossierScanned, nearDue: c.dossierNearDue, overdue: c.dossierOverdue, newAlerts: opened.n, closedAlerts: closed.n };
      const feedback = {
        scanned: c.feedbackScanned,
        nearDue: c.feedbackNearDue,
        overdue: c.feedbackOverdue,
        newAlerts: feedbackOpened.n,
        closedAlerts: feedbackClosed.n,
      };
      return { ...total(dossiers, feedback), dossiers, feedback, skipped: false };
    });
    this.logger.log({ ...result, now: now.toISOString(), horizon: horizon.toISOString() }, 'deadline pass');
    return result;
  }

  /** The near-due horizon; a `now` whose next working day the calendar does not know is refused. */
  private async horizon(now: Date): Promise<Date> {
    try {
      return nearDueHorizon(await this.calendars.current(), now, this.config.officeHours);
    } catch (error) {
      if (!(error instanceof CalendarRangeError)) throw error;
      throw invalid('DEADLINES_NOW_OUT_OF_RANGE', [`a deadline pass at ${now.toISOString()} needs days outside the working calendar: ${error.message}`]);
    }
  }
}

