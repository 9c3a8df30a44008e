import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { StepDefinition } from '../workflow/types';

/**
 * A version of a procedure as defined in code. A published version applies to the dossiers
 * submitted from `publishedFrom` until the next published version's; so the schedule of a code
 * is its published rows in order of `publishedFrom`.
 */
@Entity('procedure_version')
@Index('uq_procedure_version_published_from', ['code', 'publishedFrom'], { unique: true, where: 'published' })
export class ProcedureVersionEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  code: string;

  @PrimaryColumn({ type: 'int' })
  version: number;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'jsonb' })
  steps: StepDefinition[];

  @Column({ type: 'boolean', default: false })
  published: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  /** Dossiers submitted from this instant get this version (set while published). */
  @Column({ type: 'timestamptz', nullable: true })
  publishedFrom: Date | null;

  /** The last day of intake when an amending text moved it; null: the definition's. */
  @Column({ type: 'date', nullable: true })
  intakeUntil: string | null;
}
