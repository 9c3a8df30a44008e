import type { EntityManager } from 'typeorm';

export type AuditAction =
  | 'grant.create'
  | 'grant.revoke'
  | 'token.issue'
  | 'token.revoke'
  | 'official.activate'
  | 'official.deactivate'
  | 'official.may-sign'
  | 'official.may-not-sign'
  | 'official.move'
  | 'unit.change'
  | 'deadline-pass.run'
  | 'units.import'
  | 'officials.import'
  | 'calendar.add-holiday'
  | 'calendar.add-working-day'
  | 'calendar.remove'
  | 'procedure.publish'
  | 'procedure.deploy'
  | 'outbox.retry';

/** One audit_event row, in the caller's transaction so the change and its record commit together. */
export async function recordAudit(m: EntityManager, actor: string, action: AuditAction, subject: Record<string, unknown>): Promise<void> {
  await m.query('INSERT INTO audit_event (actor, action, subject) VALUES ($1, $2, $3)', [actor, action, JSON.stringify(subject)]);
}
