import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DossierEntity } from './dossier.entity';

const bigint = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/**
 * One step a dossier was held at, from the hand-over that started it to the action that ended
 * it (the processing control slip, form 05 of Circular 01/2018/TT-VPCP). Written by the ledger in
 * the same statement as the state change: opened when the step starts, closed when it ends.
 * Its time is charged to the unit that held it, so a slow step shows under that unit.
 */
@Entity('dossier_step')
@Index('ix_dossier_step_ended', ['endedAt'], { where: 'ended_at IS NOT NULL' })
@Index('ix_dossier_step_started', ['startedAt'])
export class DossierStepEntity {
  @PrimaryColumn({ type: 'uuid' })
  dossierId: string;

  @ManyToOne(() => DossierEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dossier_id' })
  dossier?: DossierEntity;

  /** The history event (seq) that started the step. */
  @PrimaryColumn({ type: 'int' })
  seq: number;

  @Column({ type: 'varchar', length: 64 })
  procedureCode: string;

  @Column({ type: 'int' })
  procedureVersion: number;

  @Column({ type: 'varchar', length: 40 })
  step: string;

  /** The unit holding the step: the responsible unit when it started, the acting official's when it ended. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  unitCode: string | null;

  /** The official whose action ended the step (null while it runs, or when the portal withdrew the dossier). */
  @Column({ type: 'uuid', nullable: true })
  officialId: string | null;

  @Column({ type: 'timestamptz' })
  startedAt: Date;

  /** The step's own time limit: set when it starts, moved by supplement pauses, final when it ends. */
  @Column({ type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  /** The hand-over came after the previous step's own time limit (null for the first step). */
  @Column({ type: 'boolean', nullable: true })
  receivedLate: boolean | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  /** The history event that ended it. */
  @Column({ type: 'int', nullable: true })
  endedSeq: number | null;

  /** The action that ended it: the step's advance, `reject`, or the portal's `withdraw`. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  endAction: string | null;

  /** Office time the step took, supplement pauses excluded (working calendar, office hours). */
  @Column({ type: 'bigint', nullable: true, transformer: bigint })
  workedMs: number | null;

  /** Ended after its own time limit; null while it runs and when the dossier was withdrawn. */
  @Column({ type: 'boolean', nullable: true })
  late: boolean | null;
}
