import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { localDate } from '../calendar/core/iso-day';
import { DomainError, ruleBroken } from '../common/domain-error';
import type { OfficialScope } from '../common/principal';
import { isIdNumber } from '../common/vn-identifiers';
import type { WrittenWith } from '../ledger/ledger';
import { type ApprovedWorker, decisionGrounds, type DecisionSummary, documentIdOf, documentNumber, noticeSeries, type Series, totals } from './decision';
import { DecisionEntity } from './decision.entity';
import { NoticeEntity } from './notice.entity';

/** What an approval at the provincial step knows when it issues the decision. */
export interface Approval {
  dossierId: string;
  /** The approval's history event (the dossier's version after it). */
  seq: number;
  procedureCode: string;
  step: string;
  provinceCode: string;
  /** The legal basis of the dossier's procedure version: the decision's "Căn cứ" follow from it. */
  programme: string;
  approver: OfficialScope;
  /** `data.signer` as sent: the ID number of the official who signs for the Committee. */
  signer: unknown;
  workers: ApprovedWorker[];
  now: Date;
}

/** The decision an approval issues: as the view shows it, and its row, written in the approval's statement. */
export interface IssuedDecision {
  summary: DecisionSummary;
  write: WrittenWith<{ id: string }>;
}

interface OfficialRow {
  id: string;
  full_name: string;
  id_number: string;
  unit_code: string;
  unit_name: string;
  unit_kind: string;
}

const OFFICIAL_COLUMNS = 'o.id, o.full_name, o.id_number, u.code AS unit_code, u.name AS unit_name, u.kind AS unit_kind';

/**
 * The province's decisions: who signs one, its number and its row. Called inside the approval's
 * transaction, so the number it draws is given back if the approval is refused.
 */
@Injectable()
export class DecisionsService {
  /** The written notice of a refusal after acceptance. */
  notice(m: EntityManager, r: Refusal): Promise<IssuedNotice> {
    return issueNotice(m, r);
  }

  async issue(m: EntityManager, a: Approval): Promise<IssuedDecision> {
    const signer = await this.signer(m, a);
    const preparer = await officialById(m, a.approver.officialId);
    const year = yearOf(a.now);
    const seq = await drawNumber(m, signer.unit_code, 'QĐ-UBND', year);
    const summary: DecisionSummary = {
      number: documentNumber(seq, 'QĐ-UBND'),
      issuedAt: a.now.toISOString(),
      signer: { officialId: signer.id, fullName: signer.full_name },
      preparedBy: { officialId: preparer.id, fullName: preparer.full_name },
      workers: a.workers,
      ...totals(a.workers),
      documentId: documentIdOf('decision', a.seq),
    };
    const row: DecisionEntity = {
      id: randomUUID(),
      dossierId: a.dossierId,
      eventSeq: a.seq,
      issuerCode: signer.unit_code,
      issuerName: signer.unit_name,
      year,
      seq,
      number: summary.number,
      issuedAt: a.now,
      signerOfficialId: signer.id,
      signerName: signer.full_name,
      preparedByOfficialId: preparer.id,
      preparedByName: preparer.full_name,
      preparedByUnitName: preparer.unit_name,
      workers: a.workers,
      total: summary.total,
      legalBasis: decisionGrounds(a.programme),
    };
    return { summary, write: { into: DecisionEntity, values: () => row } };
  }

  /**
   * Who signs for the provincial People's Committee: an active official of a provincial-pc unit of
   * the dossier's province who holds the step's grant. The one named in data.signer; else the
   * approver, when it is such an official; else the only one there is.
   */
  private async signer(m: EntityManager, a: Approval): Promise<OfficialRow> {
    if (a.signer !== undefined && (typeof a.signer !== 'string' || !isIdNumber(a.signer))) {
      throw new DomainError('invalid', 'DECISION_SIGNER_INVALID', ['data.signer must be the ID number (9 or 12 digits) of the official who signs'], { field: 'data.signer' }, [
        { field: 'data.signer', message: 'data.signer must be the ID number (9 or 12 digits) of the official who signs' },
      ]);
    }
    const candidates: OfficialRow[] = await m.query(
      `SELECT ${OFFICIAL_COLUMNS} FROM official o JOIN unit u ON u.code = o.unit_code
        WHERE u.kind = 'provincial-pc' AND u.province_code = $1 AND u.district_code IS NULL AND o.active
          AND EXISTS (SELECT 1 FROM "grant" g WHERE g.official_id = o.id AND g.procedure_code = $2 AND g.step = $3)
        ORDER BY o.full_name, o.id`,
      [a.provinceCode, a.procedureCode, a.step],
    );
    if (typeof a.signer === 'string') {
      const named = candidates.find((c) => c.id_number === a.signer);
      if (named) return named;
      throw ruleBroken(
        'DECISION_SIGNER_NOT_AUTHORISED',
        `data.signer: the official with this ID number may not sign for the provincial People's Committee (an active official of its unit in province ${a.provinceCode} granted ${a.procedureCode} / ${a.step} may)`,
      );
    }
    const approver = candidates.find((c) => c.id === a.approver.officialId);
    if (approver) return approver;
    if (candidates.length === 1) return candidates[0];
    if (candidates.length > 1) {
      throw ruleBroken(
        'DECISION_SIGNER_REQUIRED',
        `name in data.signer the ID number of the official who signs for the provincial People's Committee; ${candidates.length} may: ${candidates.map((c) => c.full_name).join(', ')}`,
      );
    }
    const [{ units }]: { units: number }[] = await m.query(
      `SELECT count(*)::int AS units FROM unit WHERE kind = 'provincial-pc' AND province_code = $1 AND district_code IS NULL`,
      [a.provinceCode],
    );
    if (units === 0) throw ruleBroken('DECISION_ISSUER_MISSING', `province ${a.provinceCode} has no provincial People's Committee unit (kind provincial-pc) to issue the decision; import it first`);
    throw ruleBroken(
      'DECISION_SIGNER_MISSING',
      `no official may sign the decision for the provincial People's Committee: grant ${a.procedureCode} / ${a.step} to an official of its unit`,
    );
  }
}

/** An official with their unit, who signs or prepares a document. */
async function officialById(m: EntityManager, id: string): Promise<OfficialRow> {
  const [official]: OfficialRow[] = await m.query(`SELECT ${OFFICIAL_COLUMNS} FROM official o JOIN unit u ON u.code = o.unit_code WHERE o.id = $1`, [id]);
  return official;
}

/** The year a document is numbered in: Vietnam's calendar year of its date. */
const yearOf = (at: Date) => Number(localDate(at).slice(0, 4));

/**
 * The next number of `series` for `issuer` in `year`. The upsert locks the counter's row until the
 * caller's transaction ends: concurrent draws wait their turn, and a rolled-back one gives its number back.
 */
async function drawNumber(m: EntityManager, issuer: string, series: Series, year: number): Promise<number> {
  const [{ last }]: { last: number }[] = await m.query(
    `INSERT INTO decision_number (issuer_code, series, year, last) VALUES ($1, $2, $3, 1)
     ON CONFLICT (issuer_code, series, year) DO UPDATE SET last = decision_number.last + 1 RETURNING last`,
    [issuer, series, year],
  );
  return last;
}

/** What a refusal after acceptance knows when it issues its notice. */
export interface Refusal {
  dossierId: string;
  seq: number;
  /** The refusing official, whose unit issues and numbers the notice. */
  by: OfficialScope;
  ground: { key: string; label: string; legalBasis: string };
  reason: string;
  now: Date;
}

/** The notice a refusal issues: what the history and the portal name, and its row for the refusal's statement. */
export interface IssuedNotice {
  summary: { documentId: string; number: string; issuedAt: string };
  write: WrittenWith<{ id: string }>;
}

/** A refusal's written notice, numbered `N/TB-…` per issuing unit and year, in the refusal's transaction. */
async function issueNotice(m: EntityManager, r: Refusal): Promise<IssuedNotice> {
  const signer = await officialById(m, r.by.officialId);
  const series = noticeSeries(r.by.unitKind);
  const year = yearOf(r.now);
  const seq = await drawNumber(m, r.by.unitCode, series, year);
  const summary = { documentId: documentIdOf('notice', r.seq), number: documentNumber(seq, series), issuedAt: r.now.toISOString() };
  const row: NoticeEntity = {
    id: randomUUID(),
    dossierId: r.dossierId,
    eventSeq: r.seq,
    issuerCode: r.by.unitCode,
    series,
    year,
    seq,
    number: summary.number,
    issuedAt: r.now,
    signerOfficialId: signer?.id ?? null,
    signerName: signer?.full_name ?? null,
    ground: r.ground.key,
    groundLabel: r.ground.label,
    groundLegalBasis: r.ground.legalBasis,
    reason: r.reason,
  };
  return { summary, write: { into: NoticeEntity, values: () => row } };
}
