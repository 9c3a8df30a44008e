import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { UnitEntity } from './unit.entity';

@Entity('official')
export class OfficialEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  fullName: string;

  @Index('uq_official_id_number', { unique: true })
  @Column({ type: 'varchar', length: 12 })
  idNumber: string;

  @Column({ type: 'varchar', length: 15 })
  phone: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Index('ix_official_unit')
  @Column({ type: 'varchar', length: 32 })
  unitCode: string;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_code' })
  unit?: UnitEntity;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** May sign documents for the unit (form 04, the apology letter): its head or a deputy the unit named. */
  @Column({ type: 'boolean', default: false })
  maySign: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
