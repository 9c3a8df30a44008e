import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource, type EntityManager } from 'typeorm';
import { flattenErrors, inheritedKeyErrors } from '../common/validation';
import { isIdNumber, isPhone, isProvinceCode, normalisePhone } from '../common/vn-identifiers';
import type { UnitKind } from '../common/unit-kinds';
import { recordAudit } from '../audit/audit';
import { type CsvRow, readCsvTable } from '../common/csv-import';
import { OFFICIAL_COLUMNS, OFFICIAL_OPTIONAL_COLUMNS, UNIT_COLUMNS, UNIT_OPTIONAL_COLUMNS } from './directory-columns';
import { OfficialRowDto } from './dto/official-row.dto';
import { UnitRowDto } from './dto/unit-row.dto';
import { placeChanged, revokeOldUnitAuthority, revokeUnfitGrants, type UnitPlace } from './reassignment';
import { droppedZeroHint, yesNoCell } from '../common/spreadsheet-cells';
import { type ImportReport, outcomeOf, repeatedKey, type SpreadsheetImportOptions, writeRows } from '../common/spreadsheet-import';


export interface UnitsImportReport extends ImportReport {
  /** Units whose kind or area (province, district) changed, each audited. */
  changed: number;
  /** Grants of their officials that the new kind may not hold. */
  grantsRevoked: number;
}

export interface OfficialsImportReport extends ImportReport {
  /** Officials now of another unit: each lost every grant and token, audited. */
  moved: number;
  grantsRevoked: number;
  tokensRevoked: number;
}

// Unit kinds that exist only at province level, and the one that exists only per district.
const PROVINCE_LEVEL = ['provincial-pc', 'dolisa'];
const DISTRICT_LEVEL = ['district-pc'];

/** The same checks as the HTTP ValidationPipe: unknown properties refused, every failed rule named. */
async function rowErrors<T extends object>(dto: T): Promise<string[]> {
  return [...inheritedKeyErrors(dto).map((e) => e.message), ...flattenErrors(await validate(dto, { whitelist: true, forbidNonWhitelisted: true }))];
}

/** A column's validation message, replaced by the dropped-zero hint when that is what happened. */
function withHint(errors: string[], column: string, hint: string | null): string[] {
  return hint ? errors.map((e) => (e.startsWith(`${column} `) ? hint : e)) : errors;
}

/** The outcome of an `INSERT … ON CONFLICT DO UPDATE … WHERE <differs> RETURNING (xmax = 0) AS created`. */
/** Upserts the units and officials that administrators keep in spreadsheets. */
@Injectable()
export class DirectoryImportService {
  constructor(private readonly db: DataSource) {}

  async importUnits(csv: string, opts: SpreadsheetImportOptions): Promise<UnitsImportReport> {
    const { rows, malformed, present } = readCsvTable(csv, UNIT_COLUMNS, UNIT_OPTIONAL_COLUMNS);
    const shortNames = present.includes('short_name');
    const seen = new Map<string, number>();
    const checked = await Promise.all(
      rows.map(async ({ line, values }: CsvRow) => {
        const dto = plainToInstance(UnitRowDto, { ...values, district_code: values.district_code || undefined, short_name: values.short_name?.trim() || undefined });
        let errors = await rowErrors(dto);
        errors = withHint(errors, 'province_code', droppedZeroHint('province_code', values.province_code, 2, isProvinceCode));
        if (PROVINCE_LEVEL.includes(dto.kind) && dto.district_code) errors.push(`district_code must be empty for a ${dto.kind} unit`);
        if (DISTRICT_LEVEL.includes(dto.kind) && !dto.district_code) errors.push(`district_code is required for a ${dto.kind} unit`);
        return { line, dto, errors };
      }),
    );
    for (const row of checked) row.errors.push(...repeatedKey(seen, row.dto.code, row.line, 'code'));
    return this.db.transaction(async (m) => {
      const changes = { changed: 0, grantsRevoked: 0 };
      const before = await this.unitPlaces(m, checked.map((r) => r.dto.code));
      const report = await writeRows(malformed, checked, opts, async ({ dto }) => {
        const outcome = outcomeOf(
          await m.query(
            `INSERT INTO unit (code, name, kind, province_code, district_code, short_name) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (code) DO UPDATE
                SET name = EXCLUDED.name, kind = EXCLUDED.kind, province_code = EXCLUDED.province_code,
                    district_code = EXCLUDED.district_code, short_name = CASE WHEN $7 THEN EXCLUDED.short_name ELSE unit.short_name END,
                    updated_at = now()
              WHERE (unit.name, unit.kind, unit.province_code, unit.district_code, unit.short_name)
                    IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.kind, EXCLUDED.province_code, EXCLUDED.district_code,
                                      CASE WHEN $7 THEN EXCLUDED.short_name ELSE unit.short_name END)
             RETURNING (xmax = 0) AS created`,
            [dto.code, dto.name, dto.kind, dto.province_code, dto.district_code ?? null, dto.short_name ?? null, shortNames],
          ),
        );
        const old = before.get(dto.code);
        const now: UnitPlace = { code: dto.code, kind: dto.kind, provinceCode: dto.province_code, districtCode: dto.district_code ?? null };
        if (old && placeChanged(old, now)) {
          changes.changed++;
          changes.grantsRevoked += await revokeUnfitGrants(m, old, now, opts.actor);
        }
        return outcome;
      });
      await this.audit(m, 'units.import', report, opts);
      return { ...report, ...changes };
    });
  }

  /** The units' kind and area before the import, locked until it commits. */
  private async unitPlaces(m: EntityManager, codes: string[]): Promise<Map<string, UnitPlace>> {
    const rows: { code: string; kind: UnitKind; province_code: string; district_code: string | null }[] = await m.query(
      'SELECT code, kind, province_code, district_code FROM unit WHERE code = ANY($1) ORDER BY code FOR UPDATE',
      [codes],
    );
    return new Map(rows.map((r) => [r.code, { code: r.code, kind: r.kind, provinceCode: r.province_code, districtCode: r.district_code }]));
  }

  async importOfficials(csv: string, opts: SpreadsheetImportOptions): Promise<OfficialsImportReport> {
    const { rows, malformed } = readCsvTable(csv, OFFICIAL_COLUMNS, OFFICIAL_OPTIONAL_COLUMNS);
    const checked = await Promise.all(
      rows.map(async ({ line, values }: CsvRow) => {
        const { may_sign: maySignCell = '', ...columns } = values;
        const dto = plainToInstance(OfficialRowDto, { ...columns, phone: normalisePhone(values.phone), email: values.email || undefined });
        let errors = await rowErrors(dto);
        errors = withHint(errors, 'id_number', droppedZeroHint('id_number', dto.id_number, 12, isIdNumber));
        errors = withHint(errors, 'phone', droppedZeroHint('phone', dto.phone, 10, isPhone));
        const maySign = yesNoCell(maySignCell);
        if (maySign === 'invalid') errors.push(`may_sign must be true/false, 1/0 or có/không (empty: unchanged), got "${maySignCell}"`);
        return { line, dto, maySign: maySign === 'invalid' ? undefined : maySign, errors };
      }),
    );
    const seen = new Map<string, number>();
    for (const row of checked) row.errors.push(...repeatedKey(seen, row.dto.id_number, row.line, 'id_number'));
    return this.db.transaction(async (m) => {
      const codes = [...new Set(checked.map((r) => r.dto.unit_code))];
      const known: { code: string }[] = await m.query('SELECT code FROM unit WHERE code = ANY($1) FOR SHARE', [codes]);
      const units = new Set(known.map((u) => u.code));
      for (const row of checked) {
        if (row.dto.unit_code && !units.has(row.dto.unit_code)) {
          row.errors.push(`unit_code ${row.dto.unit_code} is not a known unit (run units import first)`);
        }
      }
      // Each official's unit and right to sign before the import, locked until it commits.
      const current: { id: string; id_number: string; unit_code: string; may_sign: boolean }[] = await m.query(
        'SELECT id, id_number, unit_code, may_sign FROM official WHERE id_number = ANY($1) ORDER BY id_number FOR UPDATE',
        [checked.map((r) => r.dto.id_number)],
      );
      const before = new Map(current.map((o) => [o.id_number, o]));
      const moves = { moved: 0, grantsRevoked: 0, tokensRevoked: 0 };
      const report = await writeRows(malformed, checked, opts, async ({ dto, maySign }) => {
        const rows: { id: string; created: boolean }[] = await m.query(
          `INSERT INTO official (id, full_name, id_number, phone, email, unit_code, may_sign) VALUES ($1, $2, $3, $4, $5, $6, COALESCE($7::boolean, false))
           ON CONFLICT (id_number) DO UPDATE
              SET full_name = EXCLUDED.full_name, phone = EXCLUDED.phone, email = EXCLUDED.email,
                  unit_code = EXCLUDED.unit_code, may_sign = COALESCE($7::boolean, official.may_sign), updated_at = now()
            WHERE (official.full_name, official.phone, official.email, official.unit_code, official.may_sign)
                  IS DISTINCT FROM (EXCLUDED.full_name, EXCLUDED.phone, EXCLUDED.email, EXCLUDED.unit_code, COALESCE($7::boolean, official.may_sign))
           RETURNING id, (xmax = 0) AS created`,
          [randomUUID(), dto.full_name, dto.id_number, dto.phone, dto.email ?? null, dto.unit_code, maySign ?? null],
        );
        const old = before.get(dto.id_number);
        if (old && old.unit_code !== dto.unit_code) {
          const outcome = await revokeOldUnitAuthority(m, { officialId: old.id, fromUnit: old.unit_code, toUnit: dto.unit_code }, opts.actor);
          moves.moved++;
          moves.grantsRevoked += outcome.grantsRevoked;
          moves.tokensRevoked += outcome.tokensRevoked;
        }
        // The same right as `officials signer`, so the same audit entry when it changes.
        const [row] = rows;
        if (row && maySign !== undefined && maySign !== (old?.may_sign ?? false)) {
          await recordAudit(m, opts.actor, maySign ? 'official.may-sign' : 'official.may-not-sign', { officialId: row.id, unitCode: dto.unit_code });
        }
        return outcomeOf(rows);
      });
      await this.audit(m, 'officials.import', report, opts);
      return { ...report, ...moves };
    });
  }

  /** One entry per import that wrote something: who, which file, how many lines of each outcome. */
  private async audit(m: EntityManager, action: 'units.import' | 'officials.import', report: ImportReport, opts: SpreadsheetImportOptions): Promise<void> {
    if (report.created + report.updated === 0) return;
    const { created, updated, unchanged } = report;
    await recordAudit(m, opts.actor, action, { file: opts.source ?? null, created, updated, unchanged, rejected: report.rejected.length });
  }
}
