import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { recordAudit } from '../audit/audit';
import { PrincipalEntity } from './principal.entity';
import { newToken } from './tokens';

const DEMO_NAME = 'demo-admin';
/** The audit trail's actor for what the service does by itself at start. */
const ACTOR = 'system:start';

/** On a machine with nothing configured, a fresh demo admin token each start; the old one is revoked. */
@Injectable()
export class AdminSeeder {
  constructor(private readonly db: DataSource) {}

  async demoToken(): Promise<string> {
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
