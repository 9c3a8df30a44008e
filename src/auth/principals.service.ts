import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import type { UnitKind } from '../common/unit-kinds';
import type { Principal, PrincipalKind } from '../common/principal';
import { PrincipalCache } from './principal-cache';
import { ChangeListener } from '../common/change-listener';
import { PRINCIPAL_BY_TOKEN_HASH } from './principal-lookup.sql';
import { hashToken } from './tokens';

interface Row {
  id: string;
  kind: PrincipalKind;
  name: string;
  revoked: boolean;
  expired: boolean;
  expires_at: Date | null;
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
 * Resolves a bearer token to its principal, with the official's unit and grants. A token that works
 * is cached per instance for a short time (PRINCIPAL_CACHE_TTL_MS) and dropped on every instance as
 * soon as a principal, an official, a grant or a unit changes (PostgreSQL LISTEN/NOTIFY fed by
 * triggers); a cached token still stops at its expiry. Refusals and unknown tokens are never cached,
 * so a new token works at once and a refusal always says why. `last_used_at` is written by the
 * lookup at most once a minute, so with the cache it lags use by at most the TTL more.
 */
/** The channel the triggers of principal, official, "grant" and unit notify (migration PrincipalChangeNotify). */
const PRINCIPALS_CHANGED = {
  name: 'dvc_principals_changed',
  subject: 'principal changes',
  whileDown: 'principals are read on every request until it can',
  whenBack: 'principals are cached again',
};

@Injectable()
export class PrincipalsService implements OnModuleDestroy {
  private readonly cache: PrincipalCache;
  private readonly listener: ChangeListener | null;

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.cache = new PrincipalCache(config.principalCacheTtlMs);
    const url = (db.options as { url?: string }).url;
    this.listener = config.principalCacheTtlMs > 0 && url ? new ChangeListener(url, PRINCIPALS_CHANGED, () => this.cache.clear()) : null;
  }

  /** How many changes to who may do what this instance has heard of (its cache's clears); tests wait on it. */
  get changesHeard(): number {
    return this.cache.generation;
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener?.stop();
  }

  async authenticate(token: string): Promise<Authentication> {
    return this.byTokenHash(hashToken(token));
  }

  /** The same, for a token known by its hash (a console session keeps only the hash). */
  async byTokenHash(tokenHash: string): Promise<Authentication> {
    // Started on first use, so commands that never authenticate open no listening connection.
    this.listener?.start();
    const cached = this.listener?.live ? this.cache.get(tokenHash) : undefined;
    if (cached) return { principal: cached.principal };
    const generation = this.cache.generation;
    const [row]: Row[] = await this.db.query(PRINCIPAL_BY_TOKEN_HASH, [tokenHash]);
    if (!row) return null;
    if (row.revoked) return { refused: 'revoked' };
    if (row.expired) return { refused: 'expired' };
    if (row.official_active === false) return { refused: 'official-inactive' };
    const principal = principalOf(row);
    if (this.listener?.live) this.cache.store(tokenHash, { principal, expiresAt: row.expires_at?.getTime() ?? null }, generation);
    return { principal };
  }
}

function principalOf(row: Row): Principal {
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
