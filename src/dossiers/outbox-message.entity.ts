import type { JsonObject } from '../common/canonical-json';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DossierEntity } from './dossier.entity';

export type OutboxState = 'pending' | 'delivered' | 'failed';

/**
 * A message for the portal, written in the same statement as the change it reports: a dossier's
 * status, or a feedback's published answer. Each belongs to exactly one of the two (its line of
 * delivery, kept in order).
 */
@Entity('outbox_message')
// The claim walks ix_outbox_pending_due in due order and stops at the first batch of heads;
// ix_outbox_dossier_seq and ix_outbox_feedback_seq answer "is an earlier message of this dossier
// (feedback) undelivered?"; the feedback one is partial, so a dossier's message never writes to it;
// ix_outbox_delivered finds the oldest delivered rows for pruning; ix_outbox_failed counts the failed ones
// for the metrics (and lists them in order) without reading the table.
@Index('ix_outbox_pending_due', ['nextAttemptAt', 'seq'], { where: "state = 'pending'" })
@Index('ix_outbox_failed', ['seq'], { where: "state = 'failed'" })
@Index('ix_outbox_dossier_seq', ['dossierId', 'seq'])
@Index('ix_outbox_seq', ['seq'])
@Index('ix_outbox_feedback_seq', ['feedbackId', 'seq'], { where: 'feedback_id IS NOT NULL' })
@Index('ix_outbox_delivered', ['deliveredAt'], { where: "state = 'delivered'" })
@Check('ck_outbox_one_owner', '(dossier_id IS NULL) <> (feedback_id IS NULL)')
export class OutboxMessageEntity {
  /** The messageId the portal sees; the same on every retry. */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** Global order of creation; per dossier (per feedback) it is the delivery order. */
  @Column({ type: 'bigint', generated: 'increment', transformer: { to: (v) => v, from: (v) => Number(v) } })
  seq: number;

  /** The dossier whose status it reports; null for a feedback's message. */
  @Column({ type: 'uuid', nullable: true })
  dossierId: string | null;

  @ManyToOne(() => DossierEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dossier_id' })
  dossier?: DossierEntity;

  /** The feedback whose published answer it carries; null for a dossier's message. */
  @Column({ type: 'uuid', nullable: true })
  feedbackId: string | null;

  // Named, not imported: feedback/ builds on dossiers/, not the other way round.
  @ManyToOne('FeedbackEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'feedback_id' })
  feedback?: unknown;

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
