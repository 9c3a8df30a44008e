import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { UnitKind } from '../workflow/types';
import type { Principal, PrincipalKind } from '../common/principal';
import { hashToken } from './tokens';

interface Row {
  id: string;
  kind: PrincipalKind;
  name: string;
  last_used_at: Date | null;
  official_id: string | null;
  unit_code: string | null;
  unit_kind: UnitKind | null;
  province_code: string | null;
  district_code: string | null;
  grants: { procedureCode: string; step: string }[] | null;
}

const TOUCH_EVERY_MS = 60_000;

/** Resolves a bearer token to its principal, with the official's unit and grants, on every request. */
@Injectable()
export class PrincipalsService {
  constructor(private readonly db: DataSource) {}

  async authenticate(token: string): Promise<Principal | null> {
    return this.byTokenHash(hashToken(token));
  }

  /** The principal of a token known by its hash (a console session keeps only the hash). */
  async byTokenHash(tokenHash: string): Promise<Principal | null> {
    const rows: Row[] = await this.db.query(
      `SELECT p.id, p.kind, p.name, p.last_used_at, o.id AS official_id, u.code AS unit_code, u.kind AS unit_kind,
              u.province_code, u.district_code,
              (SELECT json_agg(json_build_object('procedureCode', g.procedure_code, 'step', g.step))
                 FROM "grant" g WHERE g.official_id = o.id) AS grants
         FROM principal p
         LEFT JOIN official o ON o.id = p.official_id
         LEFT JOIN unit u ON u.code = o.unit_code
        WHERE p.token_hash = $1 AND p.revoked_at IS NULL AND (p.official_id IS NULL OR o.active)`,
      [tokenHash],
    );
    const row = rows[0];
    if (!row) return null;
    if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > TOUCH_EVERY_MS) {
      await this.db.query('UPDATE principal SET last_used_at = now() WHERE id = $1', [row.id]);
    }
    return {
      id: row.id,
      kind: row.kind,
      name: row.name,
      official:
        row.official_id && row.unit_code && row.unit_kind && row.province_code
          ? {
              officialId: row.official_id,
              unitCode: row.unit_code,
              unitKind: row.unit_kind,
              provinceCode: row.province_code,
              districtCode: row.district_code,
              grants: row.grants ?? [],
            }
          : null,
    };
  }
}
