import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type AlertSubject = 'dossier' | 'feedback';
export type AlertKind = 'near-due' | 'overdue';

/**
 * A deadline warning about one step of one dossier (or feedback). At most one alert of a kind
 * is open per subject and step: the partial unique index lets concurrent passes insert with
 * ON CONFLICT DO NOTHING and never open it twice. Closed alerts stay as a record.
 */
@Entity('deadline_alert')
@Index('uq_deadline_alert_open', ['subjectType', 'subjectId', 'step', 'kind'], { unique: true, where: 'closed_at IS NULL' })
@Index('ix_deadline_alert_open_unit', ['unitCode', 'dueAt'], { where: 'closed_at IS NULL' })
@Index('ix_deadline_alert_open_due', ['kind', 'dueAt', 'id'], { where: 'closed_at IS NULL' })
export class DeadlineAlertEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'varchar', length: 10 })
  subjectType: AlertSubject;

  @Column({ type: 'uuid' })
  subjectId: string;

  @Column({ type: 'varchar', length: 10 })
  kind: AlertKind;

  @Column({ type: 'varchar', length: 40 })
  step: string;

  /** The unit holding the step when the alert opened; null when no unit covers the dossier. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  unitCode: string | null;

  @Column({ type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'timestamptz' })
  openedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}
