import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound } from '../common/domain-error';
import { recordAudit } from '../audit/audit';

export interface SignerStatus {
  official: string;
  fullName: string;
  unitCode: string;
  maySign: boolean;
  /** false when the official already had this right (nothing written, nothing audited). */
  changed: boolean;
}

/** Who may sign documents for a unit (form 04): set by an administrator, audited. */
@Injectable()
export class SignerService {
  constructor(private readonly db: DataSource) {}

  setMaySign(idNumber: string, maySign: boolean, actor: string): Promise<SignerStatus> {
    return this.db.transaction(async (m) => {
      const [row]: { id: string; full_name: string; unit_code: string; may_sign: boolean }[] = await m.query(
        'SELECT id, full_name, unit_code, may_sign FROM official WHERE id_number = $1 FOR UPDATE',
        [idNumber],
      );
      if (!row) throw notFound('OFFICIAL_NOT_FOUND', `no official has ID number ${idNumber} (run officials import first)`);
      const changed = row.may_sign !== maySign;
      if (changed) {
        await m.query('UPDATE official SET may_sign = $2, updated_at = now() WHERE id = $1', [row.id, maySign]);
        await recordAudit(m, actor, maySign ? 'official.may-sign' : 'official.may-not-sign', { officialId: row.id, unitCode: row.unit_code });
      }
      return { official: idNumber, fullName: row.full_name, unitCode: row.unit_code, maySign, changed };
    });
  }
}
