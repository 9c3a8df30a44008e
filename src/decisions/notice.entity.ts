import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * A written notice refusing a dossier ("thông báo bằng văn bản và nêu rõ lý do"): a People's
 * Committee's or the bank's. Numbered `<seq>/TB-…` per
 * issuing unit and year; it keeps the ground with its legal basis and the reason as printed.
 */
@Entity('notice')
@Index('uq_notice_number', ['issuerCode', 'year', 'series', 'seq'], { unique: true })
export class NoticeEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Index('ix_notice_dossier')
  @Column({ type: 'uuid' })
  dossierId: string;

  // Named, not imported: the dossier's room depends on this one.
  @ManyToOne('DossierEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dossier_id' })
  dossier?: object;

  @Column({ type: 'int' })
  eventSeq: number;

  @Column({ type: 'varchar', length: 32 })
  issuerCode: string;

  @Column({ type: 'varchar', length: 20 })
  series: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'varchar', length: 40 })
  number: string;

  @Column({ type: 'timestamptz' })
  issuedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  signerOfficialId: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  signerName: string | null;

  @Column({ type: 'varchar', length: 60 })
  ground: string;

  @Column({ type: 'text' })
  groundLabel: string;

  @Column({ type: 'text' })
  groundLegalBasis: string;

  @Column({ type: 'text' })
  reason: string;
}
