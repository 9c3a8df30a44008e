import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { UnitKind } from '../workflow/types';
import type { Principal, PrincipalKind } from '../common/principal';
import { PRINCIPAL_BY_TOKEN_HASH } from './principal-lookup.sql';
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
    const rows: Row[] = await this.db.query(PRINCIPAL_BY_TOKEN_HASH, [hashToken(token)]);
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
