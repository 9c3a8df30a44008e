import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sha256 } from '../common/canonical-json';
import { forbidden } from '../common/domain-error';
import type { Principal } from '../common/principal';
import { AuthGuard } from '../auth/auth.guard';
import { PrincipalsService } from '../auth/principals.service';
import { hashToken } from '../auth/tokens';
import { ConsoleSessionEntity } from './console-session.entity';

/** A session lasts a working day; signing in again makes a new one. */
export const SESSION_HOURS = 12;

export interface ConsoleSession {
  idHash: string;
  csrfToken: string;
  principal: Principal;
}

const random = (bytes: number) => randomBytes(bytes).toString('base64url');

/** Whether two secrets are equal, in time independent of where they differ. */
export function sameSecret(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Console sign-in with an API token: verified by the API's own guard (same failure limit), then
 * kept server-side; the browser holds only a random session id.
 */
@Injectable()
export class ConsoleSessionService {
  constructor(
    private readonly db: DataSource,
    private readonly guard: AuthGuard,
    private readonly principals: PrincipalsService,
  ) {}

  /** A new session for an official's or an admin's token: the cookie value and its principal. */
  async signIn(token: string, ip: string | undefined, now: Date): Promise<{ cookie: string; principal: Principal }> {
    const principal = await this.guard.authenticate({ ip, headers: { authorization: `Bearer ${token.trim()}` } });
    if (principal.kind === 'integration') {
      throw forbidden('PRINCIPAL_KIND_FORBIDDEN', 'the console is for officials and admins; an integration token cannot sign in');
    }
    const cookie = random(32);
    const repo = this.db.getRepository(ConsoleSessionEntity);
    await repo.createQueryBuilder().delete().where('expires_at < :now', { now }).execute();
    await repo.insert({
      idHash: sha256(cookie),
      tokenHash: hashToken(token.trim()),
      csrfToken: random(24),
      expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000),
    });
    return { cookie, principal };
  }

  /** The session of a cookie, while it lasts and its token is still valid; null otherwise. */
  async resolve(cookie: string | undefined, now: Date): Promise<ConsoleSession | null> {
    if (!cookie || cookie.length > 100) return null;
    const idHash = sha256(cookie);
    const row = await this.db.getRepository(ConsoleSessionEntity).findOneBy({ idHash });
    if (!row || row.expiresAt <= now) return null;
    // The token is checked again on every page: revoked, expired or its official deactivated ends the session.
    const found = await this.principals.byTokenHash(row.tokenHash);
    if (!found || !('principal' in found) || found.principal.kind === 'integration') {
      await this.signOut(idHash);
      return null;
    }
    return { idHash, csrfToken: row.csrfToken, principal: found.principal };
  }

  async signOut(idHash: string): Promise<void> {
    await this.db.getRepository(ConsoleSessionEntity).delete({ idHash });
  }
}
