import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isIdNumber } from '../common/vn-identifiers';
import type { UnitKind } from '../common/unit-kinds';
import { recordAudit } from '../audit/audit';
import { readCsvTable } from '../common/csv-import';
import { type ImportReport, repeatedKey, type SpreadsheetImportOptions, writeRows } from '../common/spreadsheet-import';
import { GRANT_COLUMNS, GRANT_INFO_COLUMNS } from './grant-columns';
import { grantRefusal } from './grantable';
import { droppedZeroHint } from '../common/spreadsheet-cells';


interface KnownOfficial {
  id: string;
  id_number: string;
  unit_code: string;
  unit_kind: UnitKind;
}

/** A whole agency's grants from one spreadsheet: one transaction, each line checked like `permissions grant`. */
@Injectable()
export class GrantImportService {
  constructor(private readonly db: DataSource) {}

  async importGrants(csv: string, opts: SpreadsheetImportOptions): Promise<ImportReport> {
    const { rows, malformed } = readCsvTable(csv, GRANT_COLUMNS, GRANT_INFO_COLUMNS);
    return this.db.transaction(async (m) => {
      const ids = [...new Set(rows.map((r) => r.values.official_id))];
      const found: KnownOfficial[] = await m.query(
        `SELECT o.id, o.id_number, o.unit_code, u.kind AS unit_kind FROM official o JOIN unit u ON u.code = o.unit_code
          WHERE o.id_number = ANY($1) FOR SHARE OF o`,
        [ids],
      );
      const officials = new Map(found.map((o) => [o.id_number, o]));
      const seen = new Map<string, number>();
      const checked = rows.map(({ line, values: { official_id: idNumber, procedure, step } }) => {
        const errors: string[] = [];
        const official = officials.get(idNumber);
        if (!official) {
          errors.push(
            droppedZeroHint('official_id', idNumber, 12, isIdNumber) ??
              (isIdNumber(idNumber)
                ? `official_id ${idNumber} is not a known official (run officials import first)`
                : `official_id must be a 12-digit CCCD or a 9-digit CMND number, got "${idNumber}"`),
          );
        }
        if (!procedure) errors.push('procedure must not be empty');
        if (!step) errors.push('step must not be empty');
        if (procedure && step) {
          const refusal = grantRefusal(procedure, step, official?.unit_kind ?? 'social-insurance');
          // Without a known official only the procedure and step themselves can be judged.
          if (refusal && (official || refusal.code !== 'GRANT_UNIT_KIND_MISMATCH')) errors.push(refusal.message);
        }
        errors.push(...repeatedKey(seen, `${idNumber} ${procedure} ${step}`, line, 'the grant'));
        return { line, official, procedure, step, errors };
      });
      return writeRows(malformed, checked, opts, async ({ official, procedure, step }) => {
        const inserted: unknown[] = await m.query(
          `INSERT INTO "grant" (official_id, procedure_code, step) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING granted_at`,
          [official!.id, procedure, step],
        );
        if (!inserted.length) return 'unchanged';
        // The same entry as `permissions grant`, one per grant.
        if (opts.actor) await recordAudit(m, opts.actor, 'grant.create', { officialId: official!.id, unitCode: official!.unit_code, procedureCode: procedure, step, file: opts.source ?? null });
        return 'created';
      });
    });
  }
}
