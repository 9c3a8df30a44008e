import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PrincipalEntity } from './principal.entity';
import { newToken } from './tokens';

const DEMO_NAME = 'demo-admin';

/** On a machine with nothing configured, a fresh demo admin token each start; the old one is revoked. */
@Injectable()
export class AdminSeeder {
  constructor(private readonly db: DataSource) {}

  async demoToken(): Promise<string> {
    const { token, hash } = newToken();
    await this.db.transaction(async (m) => {
      await m.query(`UPDATE principal SET revoked_at = now() WHERE kind = 'admin' AND name = $1 AND revoked_at IS NULL`, [DEMO_NAME]);
      await m.insert(PrincipalEntity, { id: randomUUID(), kind: 'admin', name: DEMO_NAME, officialId: null, tokenHash: hash });
    });
    return token;
  }
}
