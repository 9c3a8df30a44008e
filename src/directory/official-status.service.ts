import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound } from '../common/domain-error';
import { recordAudit } from '../audit/audit';

export interface OfficialStatus {
  official: string;
  fullName: string;
  unitCode: string;
  active: boolean;
  /** false when the official already had this status (nothing written, nothing audited). */
  changed: boolean;
}

/** An official who leaves or moves is deactivated: their token stops within a second on every instance, grants and history stay. */
@Injectable()
export class OfficialStatusService {
  constructor(private readonly db: DataSource) {}

  setActive(idNumber: string, active: boolean, actor: string): Promise<OfficialStatus> {
    return this.db.transaction(async (m) => {
      const [row]: { id: string; full_name: string; unit_code: string; active: boolean }[] = await m.query(
        'SELECT id, full_name, unit_code, active FROM official WHERE id_number = $1 FOR UPDATE',
        [idNumber],
      );
      if (!row) throw notFound('OFFICIAL_NOT_FOUND', `no official has ID number ${idNumber} (run officials import first)`);
      const changed = row.active !== active;
      if (changed) {
        await m.query('UPDATE official SET active = $2, updated_at = now() WHERE id = $1', [row.id, active]);
        await recordAudit(m, actor, active ? 'official.activate' : 'official.deactivate', { officialId: row.id, unitCode: row.unit_code });
      }
      return { official: idNumber, fullName: row.full_name, unitCode: row.unit_code, active, changed };
    });
  }
}
