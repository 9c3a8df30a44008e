/**
 * The statements one `confirm` sends, copied from TypeORM's query log (DVC_SQL_LOG=1) of
 * DossierActionsService.act: the state read (RowReader's select) and DossierLedger.record's one write;
 * keep in step with them. `:name` marks a
 * bound parameter (pgbench variable / node-pg $n). Differences, all server-side-cheap:
 * the dossier id is bench_dossier_id(:n); NULL columns are literals (pgbench has no NULL
 * variable); the outbox id is gen_random_uuid() (the service makes it in Node).
 * Not included: the token lookup (the floor sends it per request, the service on a cache miss).
 * No BEGIN/COMMIT: the write is one statement (data-modifying CTEs), atomic on its own.
 */
const DOSSIER_COLUMNS = [
  'id', 'portal_code', 'procedure_code', 'procedure_version', 'state', 'status', 'current_step', 'step_started_at', 'step_due_at',
  'step_remaining_ms', 'step_worked_ms', 'step_running_since', 'due_at', 'due_remaining_ms', 'appointed_return_at', 'appointed_remaining_ms',
  'received_at', 'submitted_at', 'receipt_due_at', 'eligibility', 'insurance_signature', 'result_returned_at',
  'applicant', 'tax_code', 'province_code', 'district_code',
  'worker_count', 'signed', 'submission_hash', 'snapshot', 'version', 'head_hash', 'finished_at', 'created_at', 'updated_at',
]; // not content: an action reads the dossier's state, not the submitted worker list

/** The prefix of the variables a row read sets (pgbench `\gset d_`; the same keys in the Node fallback). */
export const GSET_PREFIX = 'd_';

export interface Statement {
  sql: string;
  /** Store the single row's columns as variables `d_<column>` (pgbench \gset d_). */
  gset?: boolean;
  /** Then set next_version = d_version + 1 (what record() computes). */
  nextVersion?: boolean;
}

const STATE_COLUMNS = DOSSIER_COLUMNS.map((c) => `"${c}"`).join(', ');

/** The state read by the id the request names (the floor's form of the first statement). */
export const STATE_BY_ID = `SELECT ${STATE_COLUMNS} FROM "dossier" WHERE id = $1`;

/** The state read, by bench ordinal. */
const STATE_READ: Statement = { sql: `SELECT ${STATE_COLUMNS} FROM "dossier" WHERE id = bench_dossier_id(:n)`, gset: true, nextVersion: true };

/** The district unit the opened step is charged to (the service picks it the same way). */
const STEP_UNIT =
  '(SELECT u.code FROM unit u WHERE u.kind = \'district-pc\' AND u.province_code = :d_province_code::varchar ' +
  'AND (u.district_code IS NULL OR u.district_code = :d_district_code::varchar) ' +
  'ORDER BY EXISTS (SELECT 1 FROM official o JOIN "grant" g ON g.official_id = o.id WHERE o.unit_code = u.code AND o.active ' +
  'AND g.procedure_code = :d_procedure_code::varchar AND g.step = :after_current_step::varchar) DESC, u.district_code NULLS LAST, u.code LIMIT 1)';

/** The write's parts, one data-modifying CTE each; `d` (the row) is the one the others hang on. */
export const WRITE_PARTS = {
  d:
    'd AS (UPDATE "dossier" SET "state" = :after_state, "status" = :after_status, "snapshot" = :after_snapshot, ' +
    '"current_step" = :after_current_step, "step_started_at" = :now, "step_due_at" = :after_step_due_at, "step_remaining_ms" = NULL, ' +
    '"step_worked_ms" = 0, "step_running_since" = :now, ' +
    '"due_at" = :d_due_at, "due_remaining_ms" = NULL, "appointed_return_at" = :d_appointed_return_at, "appointed_remaining_ms" = NULL, ' +
    '"finished_at" = NULL, "version" = :next_version, "updated_at" = :now, ' +
    '"head_hash" = :event_hash WHERE id = :d_id AND version = :d_version RETURNING id)',
  e:
    'e AS (INSERT INTO "dossier_event" ("dossier_id", "seq", "type", "action", "from_state", "to_state", "actor", "comment", "reason", "at", "data", "prev_hash", "hash") ' +
    'SELECT :d_id, :next_version, :event_type, :event_action, :event_from_state, :after_state, :event_actor, NULL, NULL, :now, NULL, ' +
    ':d_head_hash, :event_hash FROM d)',
  o:
    'o AS (INSERT INTO "outbox_message" ("id", "dossier_id", "payload", "state", "next_attempt_at") ' +
    'SELECT gen_random_uuid(), :d_id, :outbox_payload, :outbox_state, :now FROM d)',
  // The step record (step-log.sql.ts): the confirmed step closes, the district's opens. The
  // worked time is the service's calendar arithmetic; a constant here costs the database the same.
  se:
    'se AS (UPDATE "dossier_step" s SET "ended_at" = :now::timestamptz, "ended_seq" = :next_version::int, "end_action" = :event_action::varchar, ' +
    '"due_at" = :d_step_due_at::timestamptz, "worked_ms" = 3600000::bigint, "late" = false, ' +
    '"unit_code" = coalesce((:event_actor::jsonb->>\'unitCode\')::varchar, s.unit_code), ' +
    '"official_id" = (SELECT p.official_id FROM principal p WHERE p.id = (:event_actor::jsonb->>\'principalId\')::uuid) ' +
    'FROM d WHERE s.dossier_id = d.id AND s.ended_at IS NULL)',
  ss:
    'ss AS (INSERT INTO "dossier_step" ("dossier_id", "seq", "procedure_code", "procedure_version", "step", "unit_code", "started_at", "due_at", "received_late") ' +
    `SELECT d.id, :next_version::int, :d_procedure_code::varchar, :d_procedure_version::int, :after_current_step::varchar, ${STEP_UNIT}, ` +
    ':now::timestamptz, :after_step_due_at::timestamptz, false FROM d)',
};

/** The read and one write of the given parts (all of them: what the service sends). */
export function actionStatements(parts: string[] = Object.values(WRITE_PARTS)): Statement[] {
  return [STATE_READ, { sql: `WITH ${parts.join(', ')} SELECT count(*)::int AS n FROM d` }];
}

export const ACTION_STATEMENTS: Statement[] = actionStatements();

/** The values the service wrote for the same action on a bench dossier (read back after its run). */
export type ActionConstants = Record<
  'after_state' | 'after_status' | 'after_current_step' | 'after_step_due_at' | 'after_snapshot' | 'now' | 'event_type' | 'event_action'
  | 'event_from_state' | 'event_actor' | 'event_hash' | 'outbox_payload' | 'outbox_state',
  string
>;

/** The pgbench script: client i takes dossiers start+i, start+i+clients, ... (`k` counts its transactions). */
export function pgbenchScript(statements: Statement[] = ACTION_STATEMENTS): string {
  const lines = ['\\set n :start + :client_id + :k * :clients', '\\set k :k + 1'];
  for (const s of statements) {
    lines.push(s.gset ? `${s.sql} \\gset ${GSET_PREFIX}` : `${s.sql};`);
    if (s.nextVersion) lines.push(`\\set next_version :${GSET_PREFIX}version + 1`);
  }
  return `${lines.join('\n')}\n`;
}

/** A statement for node-pg: `:name` → $1.., with the names in order. */
export function positional(sql: string): { text: string; names: string[] } {
  const names: string[] = [];
  // Not a `::type` cast (pgbench skips those too).
  const text = sql.replace(/(?<!:):([A-Za-z_][A-Za-z0-9_]*)/g, (_m, name: string) => {
    const at = names.indexOf(name);
    if (at >= 0) return `$${at + 1}`;
    names.push(name);
    return `$${names.length}`;
  });
  return { text, names };
}
