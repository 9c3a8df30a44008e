import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound } from '../common/domain-error';
import { revokeOldUnitAuthority } from './reassignment';

export interface OfficialMove {
  official: string;
  fullName: string;
  fromUnit: string;
  toUnit: string;
  /** false when the official was already of that unit (nothing written, nothing audited). */
  changed: boolean;
  grantsRevoked: number;
  tokensRevoked: number;
}

/** Moves one official to another unit; what they could do for the old one goes in the same transaction. */
@Injectable()
export class OfficialMoveService {
  constructor(private readonly db: DataSource) {}

  move(idNumber: string, unitCode: string, actor: string): Promise<OfficialMove> {
    return this.db.transaction(async (m) => {
      const [row]: { id: string; full_name: string; unit_code: string }[] = await m.query(
        'SELECT id, full_name, unit_code FROM official WHERE id_number = $1 FOR UPDATE',
        [idNumber],
      );
      if (!row) throw notFound('OFFICIAL_NOT_FOUND', `no official has ID number ${idNumber} (run officials import first)`);
      const [unit] = await m.query('SELECT code FROM unit WHERE code = $1 FOR SHARE', [unitCode]);
      if (!unit) throw notFound('OFFICIAL_UNIT_NOT_FOUND', `no unit has code ${unitCode} (run units import first)`);
      const result = { official: idNumber, fullName: row.full_name, fromUnit: row.unit_code, toUnit: unitCode };
      if (row.unit_code === unitCode) return { ...result, changed: false, grantsRevoked: 0, tokensRevoked: 0 };
      await m.query('UPDATE official SET unit_code = $2, updated_at = now() WHERE id = $1', [row.id, unitCode]);
      const outcome = await revokeOldUnitAuthority(m, { officialId: row.id, fromUnit: row.unit_code, toUnit: unitCode }, actor);
      return { ...result, changed: true, ...outcome };
    });
  }
}
