import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { UnitKind } from '../common/unit-kinds';

/** An agency office: BHXH, district or provincial People's Committee, Social Policy Bank branch, DOLISA. */
@Entity('unit')
export class UnitEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 300 })
  name: string;

  /** For chart labels where the name does not fit; null: the name is used. */
  @Column({ type: 'varchar', length: 60, nullable: true })
  shortName: string | null;

  @Column({ type: 'varchar', length: 30 })
  kind: UnitKind;

  @Column({ type: 'varchar', length: 2 })
  provinceCode: string;

  /** null for a province-level unit. */
  @Column({ type: 'varchar', length: 3, nullable: true })
  districtCode: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
