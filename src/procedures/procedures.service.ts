import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound } from '../common/domain-error';
import { findProcedure, INITIALLY_PUBLISHED, type Procedure, PROCEDURES } from '../workflow/definitions';
import { ProcedureVersionEntity } from './procedure-version.entity';

@Injectable()
export class ProceduresService {
  constructor(private readonly db: DataSource) {}

  /** Records every version defined in code; publishes the initial ones where none is published yet. */
  async seed(): Promise<void> {
    await this.db.transaction(async (m) => {
      for (const p of PROCEDURES) {
        await m
          .createQueryBuilder()
          .insert()
          .into(ProcedureVersionEntity)
          .values({ code: p.code, version: p.version, name: p.name, steps: p.steps })
          .orUpdate(['name', 'steps'], ['code', 'version'])
          .execute();
      }
      for (const [code, version] of Object.entries(INITIALLY_PUBLISHED)) {
        await m.query(
          `UPDATE procedure_version SET published = true, published_at = now()
            WHERE code = $1 AND version = $2 AND NOT EXISTS (SELECT 1 FROM procedure_version WHERE code = $1 AND published)`,
          [code, version],
        );
      }
    });
  }

  async listPublished(): Promise<Procedure[]> {
    const rows = await this.db.getRepository(ProcedureVersionEntity).find({ where: { published: true }, order: { code: 'ASC' } });
    return rows.map((r) => findProcedure(r.code, r.version)).filter((p): p is Procedure => p !== undefined);
  }

  async published(code: string): Promise<Procedure> {
    const row = await this.db.getRepository(ProcedureVersionEntity).findOneBy({ code, published: true });
    const procedure = row && findProcedure(row.code, row.version);
    if (!procedure) throw notFound('PROCEDURE_NOT_PUBLISHED', `procedure ${code} has no published version`);
    return procedure;
  }

  /** Makes `version` the one new dossiers get; dossiers in flight keep theirs. */
  async publish(code: string, version: number): Promise<{ code: string; version: number; previous: number | null }> {
    if (!findProcedure(code, version)) throw notFound('PROCEDURE_VERSION_NOT_FOUND', `procedure ${code} has no version ${version}`);
    return this.db.transaction(async (m) => {
      const rows: { version: number }[] = await m.query(
        'SELECT version FROM procedure_version WHERE code = $1 AND published FOR UPDATE',
        [code],
      );
      await m.query('UPDATE procedure_version SET published = false WHERE code = $1 AND published', [code]);
      await m.query('UPDATE procedure_version SET published = true, published_at = now() WHERE code = $1 AND version = $2', [code, version]);
      return { code, version, previous: rows[0]?.version ?? null };
    });
  }
}
