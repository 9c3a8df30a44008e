import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DataSource, type EntityManager } from 'typeorm';
import { invalid, notFound, ruleBroken } from '../common/domain-error';
import type { PrincipalKind } from '../common/principal';
import { recordAudit } from './audit';
import { PrincipalEntity } from './principal.entity';
import { newToken } from './tokens';

export interface IssuedToken {
  principalId: string;
  /** Shown once; only its hash is stored. */
  token: string;
}

function checkName(name: string, what: string): string {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 200) throw invalid('PRINCIPAL_NAME_INVALID', `${what} must be 1–200 characters`);
  return trimmed;
}

/** Issues and revokes bearer tokens; every principal holds exactly one token. */
@Injectable()
export class TokenAdminService {
  constructor(private readonly db: DataSource) {}

  createAdmin(name: string, actor: string): Promise<IssuedToken> {
    const checked = checkName(name, '--name');
    return this.db.transaction((m) => this.issue(m, 'admin', checked, null, actor));
  }

  issueForIntegration(name: string, actor: string): Promise<IssuedToken> {
    const checked = checkName(name, '--integration');
    return this.db.transaction((m) => this.issue(m, 'integration', checked, null, actor));
  }

  issueForOfficial(idNumber: string, actor: string): Promise<IssuedToken> {
    return this.db.transaction(async (m) => {
      const [official]: { id: string; full_name: string; active: boolean }[] = await m.query(
        'SELECT id, full_name, active FROM official WHERE id_number = $1',
        [idNumber],
      );
      if (!official) throw notFound('OFFICIAL_NOT_FOUND', `no official has ID number ${idNumber} (run officials import first)`);
      if (!official.active) throw ruleBroken('OFFICIAL_INACTIVE', `official ${idNumber} is inactive; a token would not authenticate`);
      return this.issue(m, 'official', official.full_name, official.id, actor);
    });
  }

  /** Takes effect on the next request: the guard reads the principal on every call. */
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

  private async issue(m: EntityManager, kind: PrincipalKind, name: string, officialId: string | null, actor: string): Promise<IssuedToken> {
    const { token, hash } = newToken();
    const principalId = randomUUID();
    await m.insert(PrincipalEntity, { id: principalId, kind, name, officialId, tokenHash: hash });
    await recordAudit(m, actor, 'token.issue', { principalId, kind, officialId });
    return { principalId, token };
  }
}
