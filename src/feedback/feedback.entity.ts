import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { FeedbackState, StoredFeedbackSnapshot } from './feedback.machine';

export interface FeedbackContact {
  name: string;
  phone?: string;
  email?: string;
  /** Optional: the texts ask for it, the portal's form does not always carry it. */
  address?: string;
}

/** A citizen's or enterprise's feedback (phản ánh, kiến nghị), kept by the ledger like a dossier: snapshot, version, chained register. */
@Entity('feedback')
@Index('ix_feedback_published', ['publishedAt'], { where: "state = 'published'" })
@Index('ix_feedback_unit', ['unitCode'])
@Index('ix_feedback_dossier', ['dossierPortalCode'])
@Index('ix_feedback_open_due', ['dueAt'], { where: 'due_at IS NOT NULL' })
export class FeedbackEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** `PAKN.YYYYMMDD.NNNN`, numbered per day of receipt (Asia/Ho_Chi_Minh). */
  @Index('uq_feedback_tracking_code', { unique: true })
  @Column({ type: 'varchar', length: 24 })
  trackingCode: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  content: string;

  @Column({ type: 'jsonb' })
  contact: FeedbackContact;

  /** The dossier the sender names, as typed; it gives that dossier's units sight of the feedback. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  dossierPortalCode: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  unitCode: string | null;

  @Column({ type: 'varchar', length: 20 })
  state: FeedbackState;

  @Column({ type: 'jsonb' })
  snapshot: StoredFeedbackSnapshot;

  @Column({ type: 'int' })
  version: number;

  /** The hash of the newest register entry (seq = version): the next entry chains to it. */
  @Column({ type: 'char', length: 64 })
  headHash: string;

  @Column({ type: 'text', nullable: true })
  answer: string | null;

  @Column({ type: 'timestamptz' })
  receivedAt: Date;

  /** Forwarding deadline while received, answering deadline while assigned, null after. */
  @Column({ type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  /** The question as the register publishes it, when the office removed personal details from it; else the content. */
  @Column({ type: 'text', nullable: true })
  publishedContent: string | null;

  /** When the office last sent an answer back to the unit as unsuitable, and why; null if never. */
  @Column({ type: 'timestamptz', nullable: true })
  returnedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  returnReason: string | null;

  /** Why it was closed: a refusal (no answer) the sender reads, or why the answer is not published. */
  @Column({ type: 'text', nullable: true })
  closeReason: string | null;

  /** The national portal's own code, when it delivered the feedback: a repeat returns this record. */
  @Index('uq_feedback_portal_code', { unique: true, where: 'portal_code IS NOT NULL' })
  @Column({ type: 'varchar', length: 64, nullable: true })
  portalCode: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
