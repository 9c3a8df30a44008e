import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, notFound } from '../common/domain-error';
import type { UnitKind } from '../common/unit-kinds';
import { recordAudit } from '../audit/audit';
import { grantRefusal } from './grantable';

export interface GrantInput {
  idNumber: string;
  procedureCode: string;
  step: string;
}

export interface GrantView {
  official: string;
  fullName: string;
  unitCode: string;
  procedure: string;
  step: string;
  grantedAt: string;
}

interface OfficialRow {
  id: string;
  full_name: string;
  unit_code: string;
  unit_kind: UnitKind;
}

/** Which official may act on which step: granted, revoked and listed by administrators. */
@Injectable()
export class GrantsService {
  constructor(private readonly db: DataSource) {}

  /** Idempotent: granting a step the official already has changes (and audits) nothing. */
  async grant(input: GrantInput, actor: string): Promise<{ grant: GrantView; created: boolean }> {
    return this.db.transaction(async (m) => {
      const official = await this.official(m, input.idNumber);
      const refusal = grantRefusal(input.procedureCode, input.step, official.unit_kind);
      if (refusal) throw new DomainError(refusal.kind, refusal.code, refusal.message);
      const inserted: { granted_at: Date }[] = await m.query(
        `INSERT INTO "grant" (official_id, procedure_code, step) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING granted_at`,
        [official.id, input.procedureCode, input.step],
      );
      if (inserted.length) await recordAudit(m, actor, 'grant.create', this.subject(official, input));
      const [row] = await this.rows(m, 'g.official_id = $1 AND g.procedure_code = $2 AND g.step = $3', [official.id, input.procedureCode, input.step]);
      return { grant: row, created: inserted.length > 0 };
    });
  }

  async revoke(input: GrantInput, actor: string): Promise<{ revoked: GrantView }> {
    return this.db.transaction(async (m) => {
      const official = await this.official(m, input.idNumber);
      // TypeORM answers a DELETE with [rows, count].
      const [deleted]: [{ granted_at: Date }[], number] = await m.query(
        'DELETE FROM "grant" WHERE official_id = $1 AND procedure_code = $2 AND step = $3 RETURNING granted_at',
        [official.id, input.procedureCode, input.step],
      );
      if (!deleted.length) throw notFound('GRANT_NOT_FOUND', `official ${input.idNumber} has no grant for ${input.procedureCode} / ${input.step}`);
      await recordAudit(m, actor, 'grant.revoke', this.subject(official, input));
      const row: GrantView = {
        official: input.idNumber, fullName: official.full_name, unitCode: official.unit_code,
        procedure: input.procedureCode, step: input.step, grantedAt: deleted[0].granted_at.toISOString(),
      };
      return { revoked: row };
    });
  }

  async list(idNumber?: string): Promise<GrantView[]> {
    if (idNumber === undefined) return this.rows(this.db.manager, 'true', []);
    const official = await this.official(this.db.manager, idNumber);
    return this.rows(this.db.manager, 'g.official_id = $1', [official.id]);
  }

  private async official(m: EntityManager, idNumber: string): Promise<OfficialRow> {
    const [row]: OfficialRow[] = await m.query(
      `SELECT o.id, o.full_name, o.unit_code, u.kind AS unit_kind FROM official o JOIN unit u ON u.code = o.unit_code WHERE o.id_number = $1`,
      [idNumber],
    );
    if (!row) throw notFound('OFFICIAL_NOT_FOUND', `no official has ID number ${idNumber} (run officials import first)`);
    return row;
  }

  private subject(official: OfficialRow, input: GrantInput): Record<string, unknown> {
    return { officialId: official.id, unitCode: official.unit_code, procedureCode: input.procedureCode, step: input.step };
  }

  private async rows(m: EntityManager, where: string, params: unknown[]): Promise<GrantView[]> {
    const rows: { id_number: string; full_name: string; unit_code: string; procedure_code: string; step: string; granted_at: Date }[] = await m.query(
      `SELECT o.id_number, o.full_name, o.unit_code, g.procedure_code, g.step, g.granted_at
         FROM "grant" g JOIN official o ON o.id = g.official_id
        WHERE ${where}
        ORDER BY o.unit_code, o.full_name, o.id_number, g.procedure_code, g.step`,
      params,
    );
    return rows.map((r) => ({
      official: r.id_number,
      fullName: r.full_name,
      unitCode: r.unit_code,
      procedure: r.procedure_code,
      step: r.step,
      grantedAt: r.granted_at.toISOString(),
    }));
  }
}
