import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DataSource, type EntityManager } from 'typeorm';
import { invalid, notFound, ruleBroken } from '../common/domain-error';
import type { PrincipalKind } from '../common/principal';
import { recordAudit } from '../audit/audit';
import { revokeOfficialTokens } from '../directory/reassignment';
import { hashToken, newToken } from './tokens';

export interface IssuedToken {
  principalId: string;
  /** Shown once; only its hash is stored. */
  token: string;
  /** ISO time, or null for a token that does not expire. */
  expiresAt: string | null;
  /** `--rotate`: the official's earlier tokens revoked in the same transaction. */
  revoked?: string[];
}

/** One row of `tokens list`: never the token nor its hash. */
export interface TokenView {
  principalId: string;
  kind: PrincipalKind;
  holder: string;
  /** The official's ID number, for an official's token. */
  official: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

/** Days until a token expires: officials' and admins' by default, integrations' only when asked. */
export const DEFAULT_EXPIRY_DAYS: Record<PrincipalKind, number | null> = { official: 90, admin: 90, integration: null };
const MAX_EXPIRY_DAYS = 366;

/** `--expires-in` as given on the command line (undefined: the kind's default). */
function expiryDays(kind: PrincipalKind, given: string | number | undefined): number | null {
  if (given === undefined) return DEFAULT_EXPIRY_DAYS[kind];
  const days = Number(given);
  if (!Number.isInteger(days) || days <= 0 || days > MAX_EXPIRY_DAYS) {
    throw invalid('TOKEN_EXPIRY_INVALID', `--expires-in must be a whole number of days from 1 to ${MAX_EXPIRY_DAYS}, got "${given}"`);
  }
  return days;
}

function checkName(name: string, what: string): string {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 200) throw invalid('PRINCIPAL_NAME_INVALID', `${what} must be 1–200 characters`);
  return trimmed;
}

export interface IssueOptions {
  /** Days until the token expires; undefined for the kind's default. */
  expiresIn?: string | number;
}

/** Issues, rotates, lists and revokes bearer tokens; every principal holds exactly one token. */
@Injectable()
export class TokenAdminService {
  constructor(private readonly db: DataSource) {}

  createAdmin(name: string, actor: string, opts: IssueOptions = {}): Promise<IssuedToken> {
    const checked = checkName(name, '--name');
    const days = expiryDays('admin', opts.expiresIn);
    return this.db.transaction((m) => this.issue(m, 'admin', checked, null, days, actor));
  }

  /** Whether `token` authenticates now: known, neither revoked nor expired (an official's being active aside). */
  async works(token: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      'SELECT 1 FROM principal WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())',
      [hashToken(token)],
    );
    return rows.length === 1;
  }

  /** With `rotate`, the earlier tokens of the integration of that name stop working as the new one is made. */
  issueForIntegration(name: string, actor: string, opts: IssueOptions & { rotate?: boolean } = {}): Promise<IssuedToken> {
    const checked = checkName(name, '--integration');
    const days = expiryDays('integration', opts.expiresIn);
    return this.db.transaction(async (m) => {
      if (!opts.rotate) return this.issue(m, 'integration', checked, null, days, actor);
      const [rows]: [{ id: string }[], number] = await m.query(
        `UPDATE principal SET revoked_at = now() WHERE kind = 'integration' AND name = $1 AND revoked_at IS NULL RETURNING id`,
        [checked],
      );
      for (const { id } of rows) await recordAudit(m, actor, 'token.revoke', { principalId: id, kind: 'integration', reason: 'rotate' });
      return { ...(await this.issue(m, 'integration', checked, null, days, actor)), revoked: rows.map((r) => r.id) };
    });
  }

  /** With `rotate`, the official's earlier tokens stop working in the same transaction as the new one is made. */
  issueForOfficial(idNumber: string, actor: string, opts: IssueOptions & { rotate?: boolean } = {}): Promise<IssuedToken> {
    const days = expiryDays('official', opts.expiresIn);
    return this.db.transaction(async (m) => {
      const [official]: { id: string; full_name: string; active: boolean }[] = await m.query(
        'SELECT id, full_name, active FROM official WHERE id_number = $1 FOR UPDATE',
        [idNumber],
      );
      if (!official) throw notFound('OFFICIAL_NOT_FOUND', `no official has ID number ${idNumber} (run officials import first)`);
      if (!official.active) throw ruleBroken('OFFICIAL_INACTIVE', `official ${idNumber} is inactive; a token would not authenticate`);
      const revoked = opts.rotate ? await revokeOfficialTokens(m, official.id, actor, 'rotate') : undefined;
      const issued = await this.issue(m, 'official', official.full_name, official.id, days, actor);
      return revoked ? { ...issued, revoked } : issued;
    });
  }

  /** Takes effect within a second on every instance: the change notifies every principal cache. */
  revoke(principalId: string, actor: string): Promise<{ principalId: string; kind: PrincipalKind; name: string; revokedAt: string }> {
    if (!isUUID(principalId)) throw invalid('PRINCIPAL_ID_INVALID', `--principal must be a principal id (UUID), got "${principalId}"`);
    return this.db.transaction(async (m) => {
      const [rows]: [{ kind: PrincipalKind; name: string; revoked_at: Date }[], number] = await m.query(
        'UPDATE principal SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING kind, name, revoked_at',
        [principalId],
      );
      let row = rows[0];
      if (row) {
        await recordAudit(m, actor, 'token.revoke', { principalId, kind: row.kind });
      } else {
        // Already revoked: nothing changes, nothing is audited.
        [row] = await m.query('SELECT kind, name, revoked_at FROM principal WHERE id = $1', [principalId]);
        if (!row) throw notFound('PRINCIPAL_NOT_FOUND', `no principal has id ${principalId}`);
      }
      return { principalId, kind: row.kind, name: row.name, revokedAt: row.revoked_at.toISOString() };
    });
  }

  /** Every principal, the newest first; revoked ones too unless `active` (still usable: not revoked, not expired). */
  async list(opts: { active?: boolean } = {}): Promise<TokenView[]> {
    const rows: {
      id: string; kind: PrincipalKind; name: string; id_number: string | null;
      created_at: Date; last_used_at: Date | null; expires_at: Date | null; revoked_at: Date | null;
    }[] = await this.db.query(
      `SELECT p.id, p.kind, p.name, o.id_number, p.created_at, p.last_used_at, p.expires_at, p.revoked_at
         FROM principal p LEFT JOIN official o ON o.id = p.official_id
        WHERE NOT $1 OR (p.revoked_at IS NULL AND (p.expires_at IS NULL OR p.expires_at > now()))
        ORDER BY p.created_at DESC, p.id`,
      [opts.active === true],
    );
    const iso = (d: Date | null) => d?.toISOString() ?? null;
    return rows.map((r) => ({
      principalId: r.id, kind: r.kind, holder: r.name, official: r.id_number,
      createdAt: r.created_at.toISOString(), lastUsedAt: iso(r.last_used_at), expiresAt: iso(r.expires_at), revokedAt: iso(r.revoked_at),
    }));
  }

  private async issue(m: EntityManager, kind: PrincipalKind, name: string, officialId: string | null, days: number | null, actor: string): Promise<IssuedToken> {
    const { token, hash } = newToken();
    const principalId = randomUUID();
    // The database's clock, as the guard compares with it.
    const [{ expires_at: expiresAt }]: { expires_at: Date | null }[] = await m.query(
      `INSERT INTO principal (id, kind, name, official_id, token_hash, expires_at)
       VALUES ($1, $2, $3, $4, $5, CASE WHEN $6::int IS NULL THEN NULL ELSE now() + make_interval(days => $6::int) END)
       RETURNING expires_at`,
      [principalId, kind, name, officialId, hash, days],
    );
    await recordAudit(m, actor, 'token.issue', { principalId, kind, officialId, expiresAt });
    return { principalId, token, expiresAt: expiresAt?.toISOString() ?? null };
  }
}
