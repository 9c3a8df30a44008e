import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A deployed procedure version's document, as checked; immutable once written (a trigger refuses changes). */
@Entity('procedure_definition')
export class ProcedureDefinitionEntity {
  @PrimaryColumn({ type: 'varchar', length: 64, primaryKeyConstraintName: 'PK_procedure_definition' })
  code: string;

  @PrimaryColumn({ type: 'int', primaryKeyConstraintName: 'PK_procedure_definition' })
  version: number;

  @Column({ type: 'jsonb' })
  document: Record<string, unknown>;

  /** Of the document's canonical JSON: the same content, as JSON or YAML, hashes alike. */
  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  deployedAt: Date;
}
