import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { recordAudit } from '../audit/audit';
import { PrincipalEntity } from './principal.entity';
import { TokenAdminService } from './token-admin.service';
import { newToken } from './tokens';

const DEMO_NAME = 'demo-admin';
/** The audit trail's actor for what the service does by itself at start. */
const ACTOR = 'system:start';

/**
 * On a machine with nothing configured, a demo admin token, kept in a file of the data folder
 * (readable by its owner only) so it survives a restart; a new one, replacing the old, only when
 * the kept one no longer works (revoked, expired, or the file gone).
 */
@Injectable()
export class AdminSeeder {
  constructor(
    private readonly db: DataSource,
    private readonly tokens: TokenAdminService,
  ) {}

  async demoToken(file: string): Promise<{ token: string; kept: boolean }> {
    const kept = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
    if (kept && (await this.tokens.works(kept))) return { token: kept, kept: true };
    const token = await this.replace();
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${token}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    return { token, kept: false };
  }

  /** A new demo admin token; the earlier ones are revoked in the same transaction, each audited. */
  private async replace(): Promise<string> {
    const { token, hash } = newToken();
    await this.db.transaction(async (m) => {
      // TypeORM answers an UPDATE … RETURNING with [rows, affected].
      const [revoked]: [{ id: string }[], number] = await m.query(
        `UPDATE principal SET revoked_at = now() WHERE kind = 'admin' AND name = $1 AND revoked_at IS NULL RETURNING id`,
        [DEMO_NAME],
      );
      for (const { id } of revoked) await recordAudit(m, ACTOR, 'token.revoke', { principalId: id, kind: 'admin' });
      const principalId = randomUUID();
      await m.insert(PrincipalEntity, { id: principalId, kind: 'admin', name: DEMO_NAME, officialId: null, tokenHash: hash });
      await recordAudit(m, ACTOR, 'token.issue', { principalId, kind: 'admin', officialId: null });
    });
    return token;
  }
}
