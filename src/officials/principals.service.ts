import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { UnitKind } from '../workflow/types';
import type { Principal, PrincipalKind } from '../common/principal';
import { hashToken } from './tokens';

interface Row {
  id: string;
  kind: PrincipalKind;
  name: string;
  revoked: boolean;
  expired: boolean;
  official_id: string | null;
  official_active: boolean | null;
  unit_code: string | null;
  unit_kind: UnitKind | null;
  province_code: string | null;
  district_code: string | null;
  grants: { procedureCode: string; step: string }[] | null;
}

/** Why a known token does not authenticate; an unknown token gets no reason at all. */
export type Refusal = 'revoked' | 'expired' | 'official-inactive';

export type Authentication = { principal: Principal } | { refused: Refusal } | null;

/**
 * One statement per request: the principal with the official's unit and grants, and — at most once a
 * minute per principal, so requests do not each write — `last_used_at` of a token that works.
 */
const LOOKUP = `
  WITH found AS (
    SELECT p.id, p.kind, p.name, p.revoked_at IS NOT NULL AS revoked, COALESCE(p.expires_at <= now(), false) AS expired,
           o.id AS official_id, o.active AS official_active, u.code AS unit_code, u.kind AS unit_kind,
           u.province_code, u.district_code,
           (SELECT json_agg(json_build_object('procedureCode', g.procedure_code, 'step', g.step))
              FROM "grant" g WHERE g.official_id = o.id) AS grants
      FROM principal p
      LEFT JOIN official o ON o.id = p.official_id
      LEFT JOIN unit u ON u.code = o.unit_code
     WHERE p.token_hash = $1
  ), touched AS (
    UPDATE principal p SET last_used_at = now()
      FROM found f
     WHERE p.id = f.id AND NOT f.revoked AND NOT f.expired AND f.official_active IS NOT false
       AND (p.last_used_at IS NULL OR p.last_used_at < now() - interval '1 minute')
  )
  SELECT * FROM found`;

/** Resolves a bearer token to its principal, with the official's unit and grants, on every request. */
@Injectable()
export class PrincipalsService {
  constructor(private readonly db: DataSource) {}

  async authenticate(token: string): Promise<Authentication> {
    return this.byTokenHash(hashToken(token));
  }

  /** The same, for a token known by its hash (a console session keeps only the hash). */
  async byTokenHash(tokenHash: string): Promise<Authentication> {
    const [row]: Row[] = await this.db.query(LOOKUP, [tokenHash]);
    if (!row) return null;
    if (row.revoked) return { refused: 'revoked' };
    if (row.expired) return { refused: 'expired' };
    if (row.official_active === false) return { refused: 'official-inactive' };
    return {
      principal: {
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
      },
    };
  }
}
