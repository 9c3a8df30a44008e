import type { JsonObject } from '../common/canonical-json';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { EventActor } from '../common/event-actor';
import { FeedbackEntity } from './feedback.entity';

/** Append-only register of a feedback; `hash` chains each event to the one before, as for dossiers. */
@Entity('feedback_event')
export class FeedbackEventEntity {
  @PrimaryColumn({ type: 'uuid' })
  feedbackId: string;

  @ManyToOne(() => FeedbackEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'feedback_id' })
  feedback?: FeedbackEntity;

  @PrimaryColumn({ type: 'int' })
  seq: number;

  @Column({ type: 'varchar', length: 20 })
  action: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  fromState: string | null;

  @Column({ type: 'varchar', length: 20 })
  toState: string;

  @Column({ type: 'jsonb' })
  actor: EventActor;

  @Column({ type: 'jsonb', nullable: true })
  data: JsonObject | null;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'char', length: 64 })
  hash: string;

  @Column({ type: 'char', length: 64, nullable: true })
  prevHash: string | null;
}
