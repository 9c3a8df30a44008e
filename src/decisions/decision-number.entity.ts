import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last number each issuing unit gave in a series (QĐ-UBND, TB-…) in a year. Drawing one locks
 * the row until the action's transaction ends, so two approvals never get the same number and a
 * refused one gives its number back.
 */
@Entity('decision_number')
export class DecisionNumberEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  issuerCode: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  series: string;

  @PrimaryColumn({ type: 'int' })
  year: number;

  @Column({ type: 'int' })
  last: number;
}
