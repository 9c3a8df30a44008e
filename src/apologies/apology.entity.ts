import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DossierEntity } from '../dossiers/dossier.entity';

/**
 * An apology letter with a new return date (form 04, Circular 01/2018/TT-VPCP). The letter keeps
 * copies of the names and dates it printed, so it reads the same after the dossier moves on.
 * Numbered `<seq>/PXL`, sequential per signing unit and calendar year (Asia/Ho_Chi_Minh), as each
 * agency numbers its own outgoing documents.
 */
@Entity('apology')
@Index('uq_apology_number', ['unitCode', 'year', 'seq'], { unique: true })
export class ApologyEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** A new return date may be set only once per dossier (Decree 61/2018). */
  @Index('uq_apology_dossier', { unique: true })
  @Column({ type: 'uuid' })
  dossierId: string;

  @ManyToOne(() => DossierEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dossier_id' })
  dossier?: DossierEntity;

  @Column({ type: 'varchar', length: 32 })
  unitCode: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'varchar', length: 20 })
  number: string;

  /** The applicant the letter is addressed to. */
  @Column({ type: 'varchar', length: 300 })
  addressee: string;

  @Column({ type: 'varchar', length: 64 })
  portalCode: string;

  @Column({ type: 'text' })
  procedureName: string;

  @Column({ type: 'timestamptz' })
  receivedAt: Date;

  @Column({ type: 'timestamptz' })
  originalReturnDate: Date;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'timestamptz' })
  newReturnDate: Date;

  @Column({ type: 'uuid' })
  signerOfficialId: string;

  @Column({ type: 'varchar', length: 200 })
  signerName: string;

  @Column({ type: 'varchar', length: 300 })
  unitName: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
