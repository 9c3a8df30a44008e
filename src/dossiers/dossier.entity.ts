import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { StoredSnapshot } from '../workflow/decide';
import type { EligibilitySummary } from '../workflow/eligibility';
import type { DecisionSummary } from '../decisions/decision';
import type { ExcludedWorker } from '../workflow/exclusion';
import type { Loan } from '../workflow/loan';
import type { DossierStatus, Worker } from '../workflow/types';

export interface Applicant {
  name: string;
  taxCode: string;
  address: string;
  provinceCode: string;
  districtCode: string;
  phone?: string;
  email?: string;
}

/** What the portal sent beyond the applicant: the part a supplement may change. */
export interface DossierContent {
  signature: { signer: string; certificateSerial: string; signedAt: string } | null;
  workers: Worker[];
  loan: { amount: number; months: number; bankBranch: string } | null;
  attachments: { name: string; sha256: string; document?: string }[];
  /** The procedure-specific fields, as its version's `content` schema takes them (absent: none sent). */
  content?: Record<string, unknown>;
  /** The portal's submission time as sent; the submitted_at column is the one read (its migration filled it from here). */
  submittedAt?: string;
}

/** A dossier as an action reads it: every column but the submitted content, which only a supplement needs. */
export type DossierState = Omit<DossierEntity, 'content'>;

@Entity('dossier')
@Index('ix_dossier_jurisdiction', ['provinceCode', 'districtCode'])
@Index('ix_dossier_procedure_state', ['procedureCode', 'state'])
@Index('ix_dossier_status_created', ['status', 'createdAt'])
@Index('ix_dossier_created_id', ['createdAt', 'id'])
@Index('ix_dossier_open_step_due', ['stepDueAt'], { where: 'step_due_at IS NOT NULL' })
@Index('ix_dossier_open_receipt_due', ['receiptDueAt'], { where: 'receipt_due_at IS NOT NULL' })
@Index('ix_dossier_open_appointed', ['appointedReturnAt'], { where: 'step_due_at IS NOT NULL' })
// The processing report reads the dossiers finished in a period's partial first and last days here.
@Index('ix_dossier_finished', ['finishedAt'], { where: 'finished_at IS NOT NULL' })
// Also ix_dossier_active, a GiST index on tstzrange(received_at, finished_at, '[]') for the
// processing report's "open during the period"; an expression index, so made by its migration only.
export class DossierEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Index('uq_dossier_portal_code', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  portalCode: string;

  @Column({ type: 'varchar', length: 64 })
  procedureCode: string;

  @Column({ type: 'int' })
  procedureVersion: number;

  @Column({ type: 'varchar', length: 40 })
  state: string;

  @Column({ type: 'varchar', length: 30 })
  status: DossierStatus;

  @Column({ type: 'varchar', length: 40, nullable: true })
  currentStep: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  stepStartedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  stepDueAt: Date | null;

  /** Office time left on the step while its clock is paused for a supplement. */
  @Column({ type: 'bigint', nullable: true, transformer: { to: (v) => v, from: (v) => (v === null ? null : Number(v)) } })
  stepRemainingMs: number | null;

  /** Office time spent on the current step before its clock last started (supplement pauses excluded). */
  @Column({ type: 'bigint', nullable: true, transformer: { to: (v) => v, from: (v) => (v === null ? null : Number(v)) } })
  stepWorkedMs: number | null;

  /** When the current step's clock last started (its start, or the supplement that resumed it); null while paused. */
  @Column({ type: 'timestamptz', nullable: true })
  stepRunningSince: Date | null;

  /** The return date in force (NgayHenTra): the appointed one, or the new date of an apology letter. */
  @Column({ type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  @Column({ type: 'bigint', nullable: true, transformer: { to: (v) => v, from: (v) => (v === null ? null : Number(v)) } })
  dueRemainingMs: number | null;

  /**
   * The legal appointed return date: set at receipt, moved only by supplement pauses, never by an
   * apology. On time means finished no later than this (Decree 61/2018).
   */
  @Column({ type: 'timestamptz', nullable: true })
  appointedReturnAt: Date | null;

  @Column({ type: 'bigint', nullable: true, transformer: { to: (v) => v, from: (v) => (v === null ? null : Number(v)) } })
  appointedRemainingMs: number | null;

  @Column({ type: 'timestamptz' })
  receivedAt: Date;

  /** When the portal received it (the legal clock's start). */
  @Column({ type: 'timestamptz' })
  submittedAt: Date;

  /** The receiving unit accepts or asks for a supplement by then (8 working hours, Decree 45/2020); null once it has. */
  @Column({ type: 'timestamptz', nullable: true })
  receiptDueAt: Date | null;

  /** What the law fixes about the dossier's workers, as last computed (at receipt, after each supplement, on the workers a step left). */
  @Column({ type: 'jsonb', nullable: true })
  eligibility: EligibilitySummary | null;

  /** The workers the appraisal and the approval left out, by n, with their ground, reason and step. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  excludedWorkers: ExcludedWorker[];

  /** The provincial decision that approved it, as the view shows it (the record is the decision row). */
  @Column({ type: 'jsonb', nullable: true })
  decision: DecisionSummary | null;
  /** The bank's loan, from its disbursal: contract, terms and the payments made to the workers. */
  @Column({ type: 'jsonb', nullable: true })
  loan: Loan | null;

  /** BHXH's digital signature, put on the dossier when it confirmed. */
  @Column({ type: 'jsonb', nullable: true })
  insuranceSignature: { certificateSerial: string; signedAt: string; unitCode: string | null } | null;

  /** When the result of an approved dossier was returned to the applicant (portal code 10). */
  @Column({ type: 'timestamptz', nullable: true })
  resultReturnedAt: Date | null;

  @Column({ type: 'jsonb' })
  applicant: Applicant;

  @Column({ type: 'varchar', length: 14 })
  taxCode: string;

  @Column({ type: 'varchar', length: 2 })
  provinceCode: string;

  @Column({ type: 'varchar', length: 3 })
  districtCode: string;

  @Column({ type: 'int' })
  workerCount: number;

  @Column({ type: 'boolean' })
  signed: boolean;

  @Column({ type: 'jsonb' })
  content: DossierContent;

  /** SHA-256 of the submitted body: the same portalCode with another body is a conflict. */
  @Column({ type: 'char', length: 64 })
  submissionHash: string;

  @Column({ type: 'jsonb' })
  snapshot: StoredSnapshot;

  @Column({ type: 'int' })
  version: number;

  /** The hash of the newest history event (seq = version): the next event chains to it. */
  @Column({ type: 'char', length: 64 })
  headHash: string;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
