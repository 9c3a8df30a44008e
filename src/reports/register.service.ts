import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AdministrativeUnits } from '../common/administrative-units';
import { forbidden, notFound } from '../common/domain-error';
import type { Principal } from '../common/principal';
import type { UnitKind } from '../common/unit-kinds';
import { KIND_NAMES, workingKinds } from '../documents/handling-units';
import type { OfficialDocument } from '../documents/document';
import { registerForm } from '../documents/forms/form-06';
import { letterhead } from '../documents/letterhead';
import { PROCEDURES, procedureOf } from '../workflow/definitions';
import { type Register, registerPeriod, registerRow, type RegisterSource } from './register';
import { registerLine } from './register.csv';

/** [{ procedure_code, procedure_version, kind }]: the competent agency's kind (its last working step's) per procedure version. */
function competentKinds(): string {
  return JSON.stringify(PROCEDURES.map((p) => ({ procedure_code: p.code, procedure_version: p.version, kind: workingKinds(p.steps).at(-1) ?? null })));
}

/*
 * The dossiers unit $1 received in [$2, $3): for each dossier the first step the unit held, received
 * when the portal received the dossier if that step was the dossier's first (the legal receipt, as
 * forms 01 and 05 state it), else at the hand-over that started it. The steps are read through
 * ix_dossier_step_started: a step starts no earlier than its receipt, and a first step no later than
 * a year after the portal's (the service refuses older submissions well before that), so the index
 * range is the period and a year at most, whatever the unit's history.
 */
const REGISTER_SQL = `
  WITH competent_kind AS MATERIALIZED (
         SELECT * FROM jsonb_to_recordset($4::jsonb) AS k(procedure_code text, procedure_version int, kind text)),
       mine AS (
         SELECT s.dossier_id, s.seq, s.started_at,
                NOT EXISTS (SELECT 1 FROM dossier_step p WHERE p.dossier_id = s.dossier_id AND p.seq < s.seq) AS first
           FROM dossier_step s
          WHERE s.unit_code = $1 AND s.started_at >= $2 AND s.started_at < $3::timestamptz + interval '366 days'
            AND NOT EXISTS (SELECT 1 FROM dossier_step p WHERE p.dossier_id = s.dossier_id AND p.seq < s.seq AND p.unit_code = s.unit_code)),
       received AS (
         SELECT m.*, CASE WHEN m.first THEN d.submitted_at ELSE m.started_at END AS received_at FROM mine m JOIN dossier d ON d.id = m.dossier_id)
  SELECT d.id AS "dossierId", d.portal_code AS "portalCode", d.procedure_code AS "procedureCode", d.procedure_version AS "procedureVersion",
         d.applicant, d.status, r.received_at AS "receivedAt",
         coalesce((SELECT (e.data->>'appointedReturnAt')::timestamptz FROM dossier_event e
                    WHERE e.dossier_id = d.id AND e.seq = 1 AND e.type = 'submitted'), d.appointed_return_at) AS "appointedAtReceipt",
         d.appointed_return_at AS "appointedReturnAt", d.due_at AS "dueAt",
         (SELECT min(n.started_at) FROM dossier_step n
           WHERE n.dossier_id = r.dossier_id AND n.seq > r.seq AND n.unit_code IS DISTINCT FROM $1) AS "forwardedAt",
         d.finished_at AS "finishedAt", d.result_returned_at AS "resultReturnedAt",
         a.number AS "apologyNumber", a.new_return_date AS "apologyNewReturnDate",
         cu.code AS "competentCode", cu.name AS "competentName", k.kind AS "competentKind"
    FROM received r JOIN dossier d ON d.id = r.dossier_id
    LEFT JOIN competent_kind k ON k.procedure_code = d.procedure_code AND k.procedure_version = d.procedure_version
    LEFT JOIN LATERAL (
      SELECT u.code, u.name FROM unit u
       WHERE u.kind = k.kind AND u.province_code = d.province_code AND (u.district_code IS NULL OR u.district_code = d.district_code)
       ORDER BY u.district_code NULLS LAST, u.code LIMIT 1) cu ON true
    LEFT JOIN apology a ON a.dossier_id = d.id
   WHERE r.received_at >= $2 AND r.received_at < $3
   ORDER BY r.received_at, d.portal_code`;

interface RegisterSqlRow {
  dossierId: string;
  portalCode: string;
  procedureCode: string;
  procedureVersion: number;
  applicant: RegisterSource['applicant'];
  status: string;
  receivedAt: Date;
  appointedAtReceipt: Date | null;
  appointedReturnAt: Date | null;
  dueAt: Date | null;
  forwardedAt: Date | null;
  finishedAt: Date | null;
  resultReturnedAt: Date | null;
  apologyNumber: string | null;
  apologyNewReturnDate: Date | null;
  competentCode: string | null;
  competentName: string | null;
  competentKind: UnitKind | null;
}

interface UnitRow {
  code: string;
  name: string;
  kind: UnitKind;
  provinceCode: string;
  districtCode: string | null;
}

/** The dossier register of a unit for a period (form 06 of Circular 01/2018/TT-VPCP): JSON, and the form itself. */
@Injectable()
export class RegisterService {
  constructor(
    private readonly db: DataSource,
    private readonly units: AdministrativeUnits,
  ) {}

  /** Admins read any unit's register; an official their own unit's (403 otherwise, whether the unit exists or not). */
  async register(unitCode: string, from: string, to: string, principal: Principal, now: Date): Promise<Register> {
    if (principal.kind !== 'admin' && principal.official?.unitCode !== unitCode) {
      throw forbidden('REPORT_UNIT_FORBIDDEN', `an official reads the register of their own unit (${principal.official?.unitCode ?? 'none'}), not of ${unitCode}`);
    }
    const period = registerPeriod(from, to);
    const unit = await this.unit(unitCode);
    const rows: RegisterSqlRow[] = await this.db.query(REGISTER_SQL, [unit.code, period.start, period.end, competentKinds()]);
    return {
      unit: { code: unit.code, name: unit.name },
      from,
      to,
      at: now.toISOString(),
      total: rows.length,
      rows: rows.map((r, i) => registerRow(source(r), i + 1, now)),
    };
  }

  /** The register as form 06, under the unit's letterhead. */
  async document(register: Register, now: Date): Promise<OfficialDocument> {
    const unit = await this.unit(register.unit.code);
    return registerForm({
      letterhead: letterhead(unit, this.units),
      from: register.from,
      to: register.to,
      issuedAt: now,
      lines: register.rows.map(registerLine),
    });
  }

  private async unit(code: string): Promise<UnitRow> {
    const [unit]: UnitRow[] = await this.db.query(
      'SELECT code, name, kind, province_code AS "provinceCode", district_code AS "districtCode" FROM unit WHERE code = $1',
      [code],
    );
    if (!unit) throw notFound('REPORT_UNIT_NOT_FOUND', `no unit has code ${code}`);
    return unit;
  }
}

function source(r: RegisterSqlRow): RegisterSource {
  return {
    dossierId: r.dossierId,
    portalCode: r.portalCode,
    procedureCode: r.procedureCode,
    procedureVersion: r.procedureVersion,
    procedureName: procedureOf(r).name,
    applicant: r.applicant,
    status: r.status,
    receivedAt: r.receivedAt,
    appointedAtReceipt: r.appointedAtReceipt,
    appointedReturnAt: r.appointedReturnAt,
    dueAt: r.dueAt,
    forwardedAt: r.forwardedAt,
    finishedAt: r.finishedAt,
    resultReturnedAt: r.resultReturnedAt,
    apology: r.apologyNumber && r.apologyNewReturnDate ? { number: r.apologyNumber, newReturnDate: r.apologyNewReturnDate } : null,
    competentUnit: { code: r.competentCode, name: r.competentName ?? (r.competentKind ? KIND_NAMES[r.competentKind] : '—') },
  };
}
