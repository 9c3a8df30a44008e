import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { LedgerEventColumns } from '../ledger/ledger-event';
import { FeedbackEntity } from './feedback.entity';

/** Append-only register of a feedback; `hash` chains each event to the one before, as for dossiers. */
@Entity('feedback_event')
export class FeedbackEventEntity extends LedgerEventColumns {
  @PrimaryColumn({ type: 'uuid' })
  feedbackId: string;

  @ManyToOne(() => FeedbackEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'feedback_id' })
  feedback?: FeedbackEntity;

  @Column({ type: 'varchar', length: 20 })
  action: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  fromState: string | null;

  @Column({ type: 'varchar', length: 20 })
  toState: string;
}
