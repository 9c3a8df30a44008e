import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { ApprovedWorker } from './decision';

/**
 * The provincial People's Committee's decision approving a dossier's list of workers and funds.
 * It keeps copies of the names, the list and the grounds it printed, so it reads the same after
 * the directory or the dossier changes. Numbered `<seq>/QĐ-UBND` per issuing Committee and year.
 */
@Entity('decision')
@Index('uq_decision_number', ['issuerCode', 'year', 'seq'], { unique: true })
export class DecisionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** A dossier is approved once. */
  @Index('uq_decision_dossier', { unique: true })
  @Column({ type: 'uuid' })
  dossierId: string;

  // Named, not imported: the dossier's room depends on this one.
  @ManyToOne('DossierEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dossier_id' })
  dossier?: object;

  /** The history event (its seq) of the approval that issued it. */
  @Column({ type: 'int' })
  eventSeq: number;

  /** The People's Committee it is issued for. */
  @Column({ type: 'varchar', length: 32 })
  issuerCode: string;

  @Column({ type: 'varchar', length: 300 })
  issuerName: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'varchar', length: 40 })
  number: string;

  @Column({ type: 'timestamptz' })
  issuedAt: Date;

  @Column({ type: 'uuid' })
  signerOfficialId: string;

  @Column({ type: 'varchar', length: 200 })
  signerName: string;

  @Column({ type: 'uuid' })
  preparedByOfficialId: string;

  @Column({ type: 'varchar', length: 200 })
  preparedByName: string;

  /** The unit that prepared it (the Department of Labour, or the Committee's own office). */
  @Column({ type: 'varchar', length: 300 })
  preparedByUnitName: string;

  @Column({ type: 'jsonb' })
  workers: ApprovedWorker[];

  @Column({ type: 'bigint', transformer: { to: (v) => v, from: (v) => Number(v) } })
  total: number;

  /** The "Căn cứ …" lines it rests on. */
  @Column({ type: 'jsonb' })
  legalBasis: string[];
}
