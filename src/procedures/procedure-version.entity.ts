import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { StepDefinition } from '../workflow/types';

/** A version of a procedure as defined in code; `published` marks the one new dossiers get. */
@Entity('procedure_version')
@Index('uq_procedure_version_published', ['code'], { unique: true, where: 'published' })
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
}
