import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound } from '../common/domain-error';

export interface UnitView {
  code: string;
  name: string;
  shortName: string | null;
  kind: string;
  provinceCode: string;
  districtCode: string | null;
  /** Active officials of the unit. */
  officials: number;
}

export interface OfficialView {
  idNumber: string;
  fullName: string;
  phone: string;
  email: string | null;
  unitCode: string;
  active: boolean;
  maySign: boolean;
  /** Steps granted (see permissions list). */
  grants: number;
}

/** What the directory holds, as administrators look it up from the console. */
@Injectable()
export class DirectoryListService {
  constructor(private readonly db: DataSource) {}

  async units(): Promise<UnitView[]> {
    const rows: (Omit<UnitView, 'officials'> & { officials: string })[] = await this.db.query(
      `SELECT u.code, u.name, u.short_name AS "shortName", u.kind, u.province_code AS "provinceCode", u.district_code AS "districtCode",
              count(o.id) FILTER (WHERE o.active) AS officials
         FROM unit u LEFT JOIN official o ON o.unit_code = u.code
        GROUP BY u.code ORDER BY u.province_code, u.district_code NULLS FIRST, u.code`,
    );
    return rows.map((r) => ({ ...r, officials: Number(r.officials) }));
  }

  /** Active officials (with `inactive`, the deactivated ones too), of one unit or all. */
  async officials(options: { unit?: string; inactive?: boolean } = {}): Promise<OfficialView[]> {
    if (options.unit !== undefined) {
      const [unit] = await this.db.query('SELECT 1 FROM unit WHERE code = $1', [options.unit]);
      if (!unit) throw notFound('OFFICIAL_UNIT_NOT_FOUND', `no unit has code ${options.unit} (units list shows them)`);
    }
    const rows: (Omit<OfficialView, 'grants'> & { grants: string })[] = await this.db.query(
      `SELECT o.id_number AS "idNumber", o.full_name AS "fullName", o.phone, o.email, o.unit_code AS "unitCode",
              o.active, o.may_sign AS "maySign", (SELECT count(*) FROM "grant" g WHERE g.official_id = o.id) AS grants
         FROM official o
        WHERE ($1::text IS NULL OR o.unit_code = $1) AND (o.active OR $2)
        ORDER BY o.unit_code, o.full_name, o.id_number`,
      [options.unit ?? null, options.inactive === true],
    );
    return rows.map((r) => ({ ...r, grants: Number(r.grants) }));
  }
}
