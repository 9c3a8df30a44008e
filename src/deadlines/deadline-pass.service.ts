import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { invalid } from '../common/domain-error';
import { recordAudit } from '../audit/audit';
import { CalendarRangeError } from '../calendar/core';
import { CalendarService } from '../calendar/calendar.service';
import { apologyPromptHorizon, nearDueHorizon } from './near-due';
import { responsibleUnitSql, stepActorCte, stepActorsParam } from '../grants/responsible-unit.sql';

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
  /** Alerts this pass closed because their condition no longer holds at the pass's instant. */
  closedAlerts: number;
}

/** One alert a pass opened or closed (listed by dry runs). */
export interface AlertChange {
  kind: string;
  subject: { type: string; id: string };
  /** The dossier's portal code or the feedback's tracking code. */
  ref: string | null;
  step: string;
  unitCode: string | null;
  dueAt: string;
  openedAt: string;
}

/** The top-level counts are the sums over dossiers and feedback, so they all count the same alerts. */
export interface DeadlinePassResult extends DeadlinePassCounts {
  dossiers: DeadlinePassCounts;
  feedback: DeadlinePassCounts;
  /** Another instance held the pass; this one did nothing (every count 0). */
  skipped: boolean;
  /** The instant the pass judged the deadlines at. */
  now: string;
  /** Nothing was written: the counts are what the pass would have done. */
  dryRun: boolean;
  /** With `list`: the alerts opened and closed (at most `list` of each, soonest due first). */
  opened?: AlertChange[];
  closed?: AlertChange[];
}

export interface PassOptions {
  /** false: a dry run; the pass runs and is rolled back. */
  write: boolean;
  /** List up to this many of the alerts opened and closed. */
  list?: number;
  /** Record the pass in the audit trail as this actor (a pass an operator asked for). */
  auditActor?: string;
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

/*
 * The conditions, at the pass's instant $1, with the horizons $2 (one working day of office time
 * ahead) and $3 (two). A dossier with a running step is due next at the earlier of its step's due
 * date and its return date in force; it calls for
 * - overdue: that is past;
 * - near-due: that is within one working day, or, while no apology was given, the appointed
 *   return date is within two (its apology deadline, one working day before it, is within one).
 * An alert stays open exactly while its condition holds for the step and due date it names and it
 * was opened no later than $1, whoever opened it; a pass at another instant therefore leaves the
 * alerts as a pass at $1 alone would.
 */
const DOSSIER_DUE = (d: string) => `LEAST(${d}.step_due_at, ${d}.due_at)`;
const DOSSIER_KIND = (d: string) => `CASE
    WHEN ${DOSSIER_DUE(d)} < $1 THEN 'overdue'
    WHEN ${DOSSIER_DUE(d)} <= $2
      OR (${d}.appointed_return_at <= $3 AND NOT EXISTS (SELECT 1 FROM apology p WHERE p.dossier_id = ${d}.id)) THEN 'near-due'
  END`;
/** The receipt (Decree 45/2020): due at receipt_due_at, overdue once past, near due within one working day. */
const RECEIPT_KIND = (d: string) => `CASE WHEN ${d}.receipt_due_at < $1 THEN 'overdue' WHEN ${d}.receipt_due_at <= $2 THEN 'near-due' END`;
const FEEDBACK_KIND = (f: string) => `CASE WHEN ${f}.due_at < $1 THEN 'overdue' WHEN ${f}.due_at <= $2 THEN 'near-due' END`;

/** `n`: how many rows `cte` changed; `list`: the first $limit of them as AlertChange JSON (only those look up their subject's code). */
function changes(cte: string, limitParam: string): string {
  return `SELECT (SELECT count(*) FROM ${cte})::int AS n,
      (SELECT json_agg(json_build_object('kind', x.kind, 'subject', json_build_object('type', x.subject_type, 'id', x.subject_id),
                                         'ref', CASE x.subject_type
                                                  WHEN 'dossier' THEN (SELECT portal_code FROM dossier WHERE id = x.subject_id)
                                                  ELSE (SELECT tracking_code FROM feedback WHERE id = x.subject_id) END,
                                         'step', x.step, 'unitCode', x.unit_code,
                                         'dueAt', to_char(x.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                                         'openedAt', to_char(x.opened_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                       ORDER BY x.due_at, x.subject_id)
         FROM (SELECT * FROM ${cte} ORDER BY due_at, subject_id LIMIT ${limitParam}) x) AS list`;
}

const RETURNING = 'a.kind, a.subject_type, a.subject_id, a.step, a.unit_code, a.due_at, a.opened_at';

/** Visits open alerts only (partial index) and their dossiers by primary key. `one`: one dossier ($5). Params $1–$4: passParams. */
function closeDossierSql(one: boolean): string {
  return `
  WITH closed AS (
  UPDATE deadline_alert a SET closed_at = $1
    FROM dossier d
   WHERE a.closed_at IS NULL AND a.subject_type = 'dossier' AND d.id = a.subject_id AND a.step <> 'receipt' ${one ? 'AND a.subject_id = $5' : ''}
     AND NOT coalesce(a.opened_at <= $1 AND d.current_step = a.step AND a.due_at = ${DOSSIER_DUE('d')} AND a.kind = ${DOSSIER_KIND('d')}, false)
  RETURNING ${RETURNING})
  ${changes('closed', '$4')}`;
}

// The receipt: params ($1 now, $2 the near-due horizon, $3 the list limit) as receiptParams; `one`: one dossier ($4).
// The receiving unit accepts an online dossier or asks for a supplement within 8
// working hours of the portal's receipt. Its alerts have the step `receipt`, under the unit of
// the first step, and hold while receipt_due_at (cleared by the unit's first act) calls for them.
function closeReceiptSql(one: boolean): string {
  return `
  WITH closed AS (
  UPDATE deadline_alert a SET closed_at = $1
    FROM dossier d
   WHERE a.closed_at IS NULL AND a.subject_type = 'dossier' AND d.id = a.subject_id AND a.step = 'receipt' ${one ? 'AND a.subject_id = $4' : ''}
     AND NOT coalesce(a.opened_at <= $1 AND a.due_at = d.receipt_due_at AND a.kind = ${RECEIPT_KIND('d')}, false)
  RETURNING ${RETURNING})
  ${changes('closed', '$3')}`;
}

// Params ($1 now, $2 the near-due horizon, $3 the list limit): receiptParams; $4 the step actors;
// `one`: one dossier ($5). A range scan on ix_dossier_open_receipt_due.
function openReceiptSql(one: boolean): string {
  return `
  WITH ${stepActorCte('$4')},
  opened AS (
  INSERT INTO deadline_alert AS a (id, subject_type, subject_id, kind, step, unit_code, due_at, opened_at)
  SELECT gen_random_uuid(), 'dossier', d.id, ${RECEIPT_KIND('d')}, 'receipt', ${responsibleUnitSql('d')}, d.receipt_due_at, $1
    FROM dossier d
   WHERE d.receipt_due_at IS NOT NULL AND d.receipt_due_at <= $2 AND d.current_step IS NOT NULL ${one ? 'AND d.id = $5' : ''}
  ON CONFLICT (subject_type, subject_id, step, kind) WHERE closed_at IS NULL DO NOTHING
  RETURNING ${RETURNING})
  ${changes('opened', '$3')}`;
}

// New alerts: range scans on ix_dossier_open_step_due and ix_dossier_open_appointed, so dossiers
// due later are never read (a date in force is never before the appointed date, so the second
// also finds every dossier whose date in force is near). The partial unique index makes repeats
// (and a concurrent pass that got past the lock anyway) no-ops; its per-row conflict check stays
// linear however stale deadline_alert's statistics are (docs/benchmarks.md, "The deadline pass").
// Params $1–$4: passParams; $5 the step actors; `one`: one dossier ($6).
function openDossierSql(one: boolean): string {
  return `
  WITH ${stepActorCte('$5')},
  due AS (
    SELECT d.id, d.portal_code, d.procedure_code, d.procedure_version, d.current_step, d.province_code, d.district_code,
           ${DOSSIER_DUE('d')} AS due_at, ${DOSSIER_KIND('d')} AS kind
      FROM dossier d
     WHERE d.step_due_at IS NOT NULL AND d.current_step IS NOT NULL ${one ? 'AND d.id = $6' : ''}
       AND (d.step_due_at <= $2 OR d.appointed_return_at <= $3)),
  opened AS (
  INSERT INTO deadline_alert AS a (id, subject_type, subject_id, kind, step, unit_code, due_at, opened_at)
  SELECT gen_random_uuid(), 'dossier', d.id, d.kind, d.current_step, ${responsibleUnitSql('d')}, d.due_at, $1
    FROM due d
   WHERE d.kind IS NOT NULL
  ON CONFLICT (subject_type, subject_id, step, kind) WHERE closed_at IS NULL DO NOTHING
  RETURNING ${RETURNING})
  ${changes('opened', '$4')}`;
}

// Feedback: the step is the feedback's state: `received` (forwarding, by the provincial office:
// no unit) or `assigned` (answering, by the assigned unit); due_at is null once answered.
// Params: $1 now, $2 the near-due horizon, $3 the list limit.
const CLOSE_FEEDBACK_SQL = `
  WITH closed AS (
  UPDATE deadline_alert a SET closed_at = $1
    FROM feedback f
   WHERE a.closed_at IS NULL AND a.subject_type = 'feedback' AND f.id = a.subject_id
     AND NOT coalesce(a.opened_at <= $1 AND f.state = a.step AND f.unit_code IS NOT DISTINCT FROM a.unit_code
                      AND f.due_at = a.due_at AND a.kind = ${FEEDBACK_KIND('f')}, false)
  RETURNING ${RETURNING})
  ${changes('closed', '$3')}`;

const OPEN_FEEDBACK_SQL = `
  WITH opened AS (
  INSERT INTO deadline_alert AS a (id, subject_type, subject_id, kind, step, unit_code, due_at, opened_at)
  SELECT gen_random_uuid(), 'feedback', f.id, ${FEEDBACK_KIND('f')}, f.state, f.unit_code, f.due_at, $1
    FROM feedback f
   WHERE f.due_at IS NOT NULL AND f.due_at <= $2
  ON CONFLICT (subject_type, subject_id, step, kind) WHERE closed_at IS NULL DO NOTHING
  RETURNING ${RETURNING})
  ${changes('opened', '$3')}`;

interface Changed {
  n: number;
  list: AlertChange[] | null;
}

/** Thrown to roll a dry run back, carrying what it found. */
class DryRun extends Error {
  constructor(readonly result: DeadlinePassResult) {
    super('dry run');
  }
}

/**
 * One deadline pass: opens near-due and overdue alerts and closes those whose condition no longer
 * holds, with set-based SQL only, so its memory does not grow with the number of dossiers. One
 * pass at a time across instances: a transaction-scoped advisory lock; a pass that finds it taken
 * returns at once with `skipped` (the running pass does the work). A dry run does the same work
 * and rolls it back.
 */
@Injectable()
export class DeadlinePassService {
  private readonly logger = new Logger('DeadlinePass');

  constructor(
    private readonly db: DataSource,
    private readonly calendars: CalendarService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(now: Date, options: PassOptions = { write: true }): Promise<DeadlinePassResult> {
    const params = await this.params(now, options.list ?? 0);
    let result: DeadlinePassResult;
    try {
      result = await this.db.transaction(async (m): Promise<DeadlinePassResult> => {
        const [{ locked }] = await m.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [DEADLINE_PASS_LOCK]);
        if (!locked) return { ...NONE, dossiers: NONE, feedback: NONE, skipped: true, now: now.toISOString(), dryRun: !options.write };
        const [stepClosed]: Changed[] = await m.query(closeDossierSql(false), params);
        const [stepOpened]: Changed[] = await m.query(openDossierSql(false), [...params, stepActorsParam()]);
        const receipt = receiptParams(params);
        const [receiptClosed]: Changed[] = await m.query(closeReceiptSql(false), receipt);
        const [receiptOpened]: Changed[] = await m.query(openReceiptSql(false), [...receipt, stepActorsParam()]);
        const closed = both(stepClosed, receiptClosed);
        const opened = both(stepOpened, receiptOpened);
        const feedbackParams = [params[0], params[1], params[3]];
        const [feedbackClosed]: Changed[] = await m.query(CLOSE_FEEDBACK_SQL, feedbackParams);
        const [feedbackOpened]: Changed[] = await m.query(OPEN_FEEDBACK_SQL, feedbackParams);
        const [c] = await m.query(COUNT_SQL);
        const dossiers = { scanned: c.dossierScanned, nearDue: c.dossierNearDue, overdue: c.dossierOverdue, newAlerts: opened.n, closedAlerts: closed.n };
        const feedback = {
          scanned: c.feedbackScanned,
          nearDue: c.feedbackNearDue,
          overdue: c.feedbackOverdue,
          newAlerts: feedbackOpened.n,
          closedAlerts: feedbackClosed.n,
        };
        const found: DeadlinePassResult = { ...total(dossiers, feedback), dossiers, feedback, skipped: false, now: now.toISOString(), dryRun: !options.write };
        if (options.list) {
          found.opened = listed(options.list, opened, feedbackOpened);
          found.closed = listed(options.list, closed, feedbackClosed);
        }
        if (!options.write) throw new DryRun(found);
        if (options.auditActor) {
          await recordAudit(m, options.auditActor, 'deadline-pass.run', { now: found.now, dossiers, feedback });
        }
        return found;
      });
    } catch (error) {
      if (!(error instanceof DryRun)) throw error;
      result = error.result;
    }
    this.logger.log({ ...result, opened: undefined, closed: undefined }, result.dryRun ? 'deadline pass (dry run, nothing written)' : 'deadline pass');
    return result;
  }

  /**
   * Brings one dossier's alerts to what a pass at `now` would leave, in the caller's transaction
   * (after a change that settles them, e.g. an apology).
   */
  async settle(m: EntityManager, now: Date, dossierId: string): Promise<void> {
    const params = await this.params(now, 0);
    await m.query(closeDossierSql(true), [...params, dossierId]);
    await m.query(openDossierSql(true), [...params, stepActorsParam(), dossierId]);
    await m.query(closeReceiptSql(true), [...receiptParams(params), dossierId]);
    await m.query(openReceiptSql(true), [...receiptParams(params), stepActorsParam(), dossierId]);
  }

  /** [$1 now, $2 near-due horizon, $3 apology prompt horizon, $4 list limit]; a `now` whose next working days the calendar does not know is refused. */
  private async params(now: Date, list: number): Promise<unknown[]> {
    try {
      const calendar = await this.calendars.current();
      return [now, nearDueHorizon(calendar, now, this.config.officeHours), apologyPromptHorizon(calendar, now, this.config.officeHours), list];
    } catch (error) {
      if (!(error instanceof CalendarRangeError)) throw error;
      throw invalid('DEADLINES_NOW_OUT_OF_RANGE', [`a deadline pass at ${now.toISOString()} needs days outside the working calendar: ${error.message}`]);
    }
  }
}

/** The receipt's statements take now, the near-due horizon and the list limit of passParams. */
const receiptParams = (params: unknown[]) => [params[0], params[1], params[3]];

/** The step's and the receipt's changes of one kind together. */
function both(a: Changed, b: Changed): Changed {
  return { n: a.n + b.n, list: a.list || b.list ? [...(a.list ?? []), ...(b.list ?? [])] : null };
}

function listed(limit: number, ...found: Changed[]): AlertChange[] {
  return found
    .flatMap((c) => c.list ?? [])
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.subject.id.localeCompare(b.subject.id))
    .slice(0, limit);
}
