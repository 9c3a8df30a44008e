import type { JsonObject } from '../common/canonical-json';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DossierEntity } from './dossier.entity';

export type OutboxState = 'pending' | 'delivered' | 'failed';

/** A status message for the portal, written in the same transaction as the change it reports. */
@Entity('outbox_message')
// The claim walks ix_outbox_pending_due in due order and stops at the first batch of dossier heads;
// ix_outbox_dossier_seq answers "is an earlier message of this dossier undelivered?";
// ix_outbox_delivered finds the oldest delivered rows for pruning; ix_outbox_failed counts the failed ones
// for the metrics (and lists them in order) without reading the table.
@Index('ix_outbox_pending_due', ['nextAttemptAt', 'seq'], { where: "state = 'pending'" })
@Index('ix_outbox_failed', ['seq'], { where: "state = 'failed'" })
@Index('ix_outbox_dossier_seq', ['dossierId', 'seq'])
@Index('ix_outbox_delivered', ['deliveredAt'], { where: "state = 'delivered'" })
export class OutboxMessageEntity {
  /** The messageId the portal sees; the same on every retry. */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** Global order of creation; per dossier it is the delivery order. */
  @Column({ type: 'bigint', generated: 'increment', transformer: { to: (v) => v, from: (v) => Number(v) } })
  seq: number;

  @Column({ type: 'uuid' })
  dossierId: string;

  @ManyToOne(() => DossierEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dossier_id' })
  dossier?: DossierEntity;

  @Column({ type: 'jsonb' })
  payload: JsonObject;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  state: OutboxState;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;
}
