import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource, type EntityManager } from 'typeorm';
import { flattenErrors } from '../common/validation';
import type { UnitKind } from '../workflow/types';
import { type CsvRow, readCsvTable } from './csv';
import { OfficialRowDto } from './dto/official-row.dto';
import { UnitRowDto } from './dto/unit-row.dto';
import { placeChanged, revokeOldUnitAuthority, revokeUnfitGrants, type UnitPlace } from './reassignment';

export const UNIT_COLUMNS = ['code', 'name', 'kind', 'province_code', 'district_code'] as const;
export const OFFICIAL_COLUMNS = ['full_name', 'id_number', 'phone', 'unit_code', 'email'] as const;

export interface Rejection {
  line: number;
  errors: string[];
}

export interface ImportReport {
  created: number;
  updated: number;
  rejected: Rejection[];
}

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

export interface DirectoryImportOptions {
  strict?: boolean;
  /** Who imports, for the audit trail (e.g. `cli:<os user>`). */
  actor: string;
}

// Unit kinds that exist only at province level, and the one that exists only per district.
const PROVINCE_LEVEL = ['provincial-pc', 'dolisa'];
const DISTRICT_LEVEL = ['district-pc'];

/** The same checks as the HTTP ValidationPipe: unknown properties refused, every failed rule named. */
async function rowErrors<T extends object>(dto: T): Promise<string[]> {
  return flattenErrors(await validate(dto, { whitelist: true, forbidNonWhitelisted: true }));
}

/** A key repeated within one file is rejected on its later lines, so a file never updates a row twice. */
function repeatedKey(seen: Map<string, number>, key: string, line: number, column: string): string[] {
  const first = seen.get(key);
  if (first !== undefined) return [`${column} ${key} is already on line ${first}`];
  seen.set(key, line);
  return [];
}

/** Upserts the units and officials that administrators keep in spreadsheets. */
@Injectable()
export class DirectoryImportService {
  constructor(private readonly db: DataSource) {}

  async importUnits(csv: string, opts: DirectoryImportOptions): Promise<UnitsImportReport> {
    const { rows, malformed } = readCsvTable(csv, UNIT_COLUMNS);
    const seen = new Map<string, number>();
    const checked = await Promise.all(
      rows.map(async ({ line, values }: CsvRow) => {
        const dto = plainToInstance(UnitRowDto, { ...values, district_code: values.district_code || undefined });
        const errors = await rowErrors(dto);
        if (PROVINCE_LEVEL.includes(dto.kind) && dto.district_code) errors.push(`district_code must be empty for a ${dto.kind} unit`);
        if (DISTRICT_LEVEL.includes(dto.kind) && !dto.district_code) errors.push(`district_code is required for a ${dto.kind} unit`);
        return { line, dto, errors };
      }),
    );
    for (const row of checked) row.errors.push(...repeatedKey(seen, row.dto.code, row.line, 'code'));
    return this.db.transaction(async (m) => {
      const changes = { changed: 0, grantsRevoked: 0 };
      const before = await this.unitPlaces(m, checked.map((r) => r.dto.code));
      const report = await this.write(malformed, checked, opts.strict, async ({ dto }) => {
        const [{ created }] = await m.query(
          `INSERT INTO unit (code, name, kind, province_code, district_code) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (code) DO UPDATE
              SET name = EXCLUDED.name, kind = EXCLUDED.kind, province_code = EXCLUDED.province_code,
                  district_code = EXCLUDED.district_code, updated_at = now()
           RETURNING (xmax = 0) AS created`,
          [dto.code, dto.name, dto.kind, dto.province_code, dto.district_code ?? null],
        );
        const old = before.get(dto.code);
        const now: UnitPlace = { code: dto.code, kind: dto.kind, provinceCode: dto.province_code, districtCode: dto.district_code ?? null };
        if (old && placeChanged(old, now)) {
          changes.changed++;
          changes.grantsRevoked += await revokeUnfitGrants(m, old, now, opts.actor);
        }
        return created;
      });
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

  async importOfficials(csv: string, opts: DirectoryImportOptions): Promise<OfficialsImportReport> {
    const { rows, malformed } = readCsvTable(csv, OFFICIAL_COLUMNS);
    const checked = await Promise.all(
      rows.map(async ({ line, values }: CsvRow) => {
        const dto = plainToInstance(OfficialRowDto, { ...values, email: values.email || undefined });
        return { line, dto, errors: await rowErrors(dto) };
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
      // Each official's unit before the import, locked until it commits.
      const current: { id: string; id_number: string; unit_code: string }[] = await m.query(
        'SELECT id, id_number, unit_code FROM official WHERE id_number = ANY($1) ORDER BY id_number FOR UPDATE',
        [checked.map((r) => r.dto.id_number)],
      );
      const before = new Map(current.map((o) => [o.id_number, o]));
      const moves = { moved: 0, grantsRevoked: 0, tokensRevoked: 0 };
      const report = await this.write(malformed, checked, opts.strict, async ({ dto }) => {
        const [{ created }] = await m.query(
          `INSERT INTO official (id, full_name, id_number, phone, email, unit_code) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (id_number) DO UPDATE
              SET full_name = EXCLUDED.full_name, phone = EXCLUDED.phone, email = EXCLUDED.email,
                  unit_code = EXCLUDED.unit_code, updated_at = now()
           RETURNING (xmax = 0) AS created`,
          [randomUUID(), dto.full_name, dto.id_number, dto.phone, dto.email ?? null, dto.unit_code],
        );
        const old = before.get(dto.id_number);
        if (old && old.unit_code !== dto.unit_code) {
          const outcome = await revokeOldUnitAuthority(m, { officialId: old.id, fromUnit: old.unit_code, toUnit: dto.unit_code }, opts.actor);
          moves.moved++;
          moves.grantsRevoked += outcome.grantsRevoked;
          moves.tokensRevoked += outcome.tokensRevoked;
        }
        return created;
      });
      return { ...report, ...moves };
    });
  }

  /** Writes the valid rows; under `strict`, nothing at all when any row is rejected. */
  private async write<R extends { line: number; errors: string[] }>(
    malformed: Rejection[],
    checked: R[],
    strict: boolean | undefined,
    upsert: (row: R) => Promise<boolean>,
  ): Promise<ImportReport> {
    const rejected = [...malformed, ...checked.filter((r) => r.errors.length).map(({ line, errors }) => ({ line, errors }))].sort(
      (a, b) => a.line - b.line,
    );
    const report: ImportReport = { created: 0, updated: 0, rejected };
    if (strict && rejected.length) return report;
    for (const row of checked) {
      if (row.errors.length) continue;
      if (await upsert(row)) report.created++;
      else report.updated++;
    }
    return report;
  }
}
