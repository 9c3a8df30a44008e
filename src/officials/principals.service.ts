import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import type { UnitKind } from '../workflow/types';
import type { Principal, PrincipalKind } from '../common/principal';
import { type CachedPrincipal, PrincipalCache } from './principal-cache';
import { PrincipalChangeListener } from './principal-change-listener';
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

/**
 * Resolves a bearer token to its principal, with the official's unit and grants. Principals are
 * cached per instance for a short time and dropped on every instance as soon as a principal, an
 * official, a grant or a unit changes (PostgreSQL LISTEN/NOTIFY fed by triggers); an unknown token
 * is never cached, so a new token works at once.
 */
@Injectable()
export class PrincipalsService implements OnModuleDestroy {
  private readonly cache: PrincipalCache;
  private readonly listener: PrincipalChangeListener | null;

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.cache = new PrincipalCache(config.principalCacheTtlMs);
    const url = (db.options as { url?: string }).url;
    this.listener = config.principalCacheTtlMs > 0 && url ? new PrincipalChangeListener(url, () => this.cache.clear()) : null;
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener?.stop();
  }

  async authenticate(token: string): Promise<Principal | null> {
    const tokenHash = hashToken(token);
    const now = Date.now();
    // Started on first use, so commands that never authenticate open no listening connection.
    this.listener?.start();
    const cached = this.listener?.live ? this.cache.get(tokenHash, now) : undefined;
    if (cached) {
      if (now - cached.touchedAt > TOUCH_EVERY_MS) this.touch(cached, now);
      return cached.principal;
    }
    const generation = this.cache.generation;
    const [row]: Row[] = await this.db.query(PRINCIPAL_BY_TOKEN_HASH, [tokenHash]);
    if (!row) return null;
    const entry: CachedPrincipal = { principal: principalOf(row), expiresAt: null, touchedAt: row.last_used_at?.getTime() ?? 0 };
    if (now - entry.touchedAt > TOUCH_EVERY_MS) await this.touch(entry, now);
    if (this.listener?.live) this.cache.store(tokenHash, entry, generation);
    return entry.principal;
  }

  /** Records that the principal was used, at most once a minute (last_used_at is not among what invalidates the cache). */
  private touch(entry: CachedPrincipal, now: number): Promise<void> {
    entry.touchedAt = now;
    return this.db.query('UPDATE principal SET last_used_at = now() WHERE id = $1', [entry.principal.id]).then(
      () => undefined,
      () => undefined,
    );
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
