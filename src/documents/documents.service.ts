import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AdministrativeUnits } from '../common/administrative-units';
import { notFound } from '../common/domain-error';
import { apologyView, type ApologyView } from '../apologies/apology-letter';
import { ApologyEntity } from '../apologies/apology.entity';
import { DecisionEntity } from '../decisions/decision.entity';
import { NoticeEntity } from '../decisions/notice.entity';
import type { DossierState } from '../dossiers/dossier.entity';
import { DossierReadsService } from '../dossiers/dossier-reads.service';
import type { Principal } from '../common/principal';
import { type Procedure, procedureOf } from '../workflow/definitions';
import type { Loan } from '../workflow/loan';
import type { UnitKind } from '../common/unit-kinds';
import type { OfficialDocument } from './document';
import type { DossierParty } from './forms/common';
import { receiptForm } from './forms/form-01';
import { type SupplementItem, supplementRequestForm } from './forms/form-02';
import { refusalForm } from './forms/form-03';
import { apologyForm } from './forms/form-04';
import { decisionForm } from './forms/decision';
import { noticeForm } from './forms/notice';
import { loanForm } from './forms/loan';
import { controlSlipForm, type Handover, RESULT_WORDS } from './forms/form-05';
import { pausesOf, type StepRecord, stepRecords, stepResult, type StepRow } from './step-records';
import { vnDateTime } from './vn-format';
import { handlingUnits, KIND_NAMES, workingKinds } from './handling-units';
import { type IssuingUnit, letterhead, type Letterhead } from './letterhead';
import { isApplicant } from '../workflow/types';

/** A document of a dossier as the list shows it. */
export interface DocumentRef {
  id: string;
  form: '01' | '02' | '03' | '04' | '05' | 'decision' | 'notice' | 'loan';
  title: string;
  issuedAt: string;
  /** The history event it records (forms 01–03), the apology letter (form 04), or the steps so far (form 05). */
  source: { type: 'event'; seq: number } | { type: 'apology'; id: string; seq: number } | { type: 'steps'; seq: number };
  href: string;
  formats: string[];
}

interface EventRow {
  seq: number;
  type: string;
  action: string | null;
  actor: { principalId: string | null; unitCode: string | null };
  reason: string | null;
  data: Record<string, unknown> | null;
  at: Date;
}

interface Source {
  ref: DocumentRef;
  build: () => Promise<OfficialDocument>;
}

const TITLES = {
  '01': 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
  '02': 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
  '03': 'Phiếu từ chối tiếp nhận giải quyết hồ sơ',
  '04': 'Phiếu xin lỗi và hẹn lại ngày trả kết quả',
  '05': 'Phiếu kiểm soát quá trình giải quyết hồ sơ',
  decision: 'Quyết định phê duyệt danh sách người lao động và kinh phí hỗ trợ',
  notice: 'Thông báo không giải quyết hồ sơ',
  loan: 'Thông báo cho vay vốn để trả lương cho người lao động',
} as const;

/** The control slip of a dossier: one per dossier, drawn from its steps as they stand. */
export const CONTROL_SLIP_ID = '05';

const PORTAL = 'Cổng Dịch vụ công quốc gia';

const FORMATS = ['text/html', 'application/pdf'];

/**
 * The forms of Circular 01/2018/TT-VPCP that a dossier's history gives rise to: 01 at intake, 02
 * for each supplement request, 03 for a refusal at receipt (a notice after acceptance), 04 for an apology. Each is built from the
 * hash-chained event (or the apology letter) that records the moment, so it never changes. Form
 * 05, the control slip, follows the dossier through its steps and grows with each hand-over.
 */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly db: DataSource,
    private readonly dossiers: DossierReadsService,
    private readonly units: AdministrativeUnits,
  ) {}

  async list(dossierId: string, principal: Principal): Promise<DocumentRef[]> {
    const d = await this.dossiers.load(dossierId, principal);
    return (await this.sources(d)).map((s) => s.ref);
  }

  async get(dossierId: string, documentId: string, principal: Principal): Promise<OfficialDocument> {
    const d = await this.dossiers.load(dossierId, principal);
    const source = (await this.sources(d)).find((s) => s.ref.id === documentId);
    if (!source) throw notFound('DOCUMENT_NOT_FOUND', `dossier ${dossierId} has no document ${documentId}`);
    return source.build();
  }

  /** The dossier's steps with their hand-overs, results and supplement pauses, for a principal who may see it. */
  async steps(dossierId: string, principal: Principal): Promise<StepRecord[]> {
    return this.stepsOf((await this.dossiers.load(dossierId, principal)).id);
  }

  private async stepsOf(dossierId: string): Promise<StepRecord[]> {
    const rows: StepRow[] = await this.db.query(
      `SELECT s.seq, s.step, s.unit_code, u.name AS unit_name, o.full_name AS official_name, s.started_at, s.due_at, s.ended_at,
              s.end_action, s.worked_ms, s.late
         FROM dossier_step s LEFT JOIN unit u ON u.code = s.unit_code LEFT JOIN official o ON o.id = s.official_id
        WHERE s.dossier_id = $1 ORDER BY s.seq`,
      [dossierId],
    );
    const events: { action: string | null; at: Date }[] = await this.db.query(
      `SELECT action, at FROM dossier_event WHERE dossier_id = $1 AND action IN ('request-supplement', 'supplement') ORDER BY seq`,
      [dossierId],
    );
    return stepRecords(rows, pausesOf(events));
  }

  /** Form 04 of an apology letter, laid out with its unit's letterhead. */
  async apologyDocument(letter: ApologyView): Promise<OfficialDocument> {
    // The day it says the dossier was received is the portal's, as on forms 01 and 05.
    const [dossier]: { submittedAt: Date }[] = await this.db.query('SELECT submitted_at AS "submittedAt" FROM dossier WHERE id = $1', [letter.dossierId]);
    return apologyForm({
      letterhead: await this.letterheadOf(letter.signer.unitCode, letter.signer.unitName),
      number: letter.number,
      addressee: letter.addressee,
      portalCode: letter.portalCode,
      procedureName: letter.procedureName,
      receivedAt: dossier?.submittedAt ?? new Date(letter.receivedAt),
      originalReturnDate: new Date(letter.originalReturnDate),
      reason: letter.reason,
      newReturnDate: new Date(letter.newReturnDate),
      issuedAt: new Date(letter.createdAt),
      signer: { name: letter.signer.fullName },
    });
  }

  private async sources(d: DossierState): Promise<Source[]> {
    const procedure = procedureOf(d);
    const party: DossierParty = { portalCode: d.portalCode, procedureName: procedure.name, applicant: d.applicant };
    const events: EventRow[] = await this.db.query(
      `SELECT seq, type, action, actor, reason, data, at FROM dossier_event
        WHERE dossier_id = $1 AND (type IN ('submitted', 'apology') OR action IN ('request-supplement', 'reject', 'approve', 'disburse')) ORDER BY seq`,
      [d.id],
    );
    const apologies = new Map((await this.db.getRepository(ApologyEntity).find({ where: { dossierId: d.id } })).map((a) => [a.id, a]));
    const first = [...apologies.values()].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())[0];
    const sources: Source[] = [];
    for (const e of events) {
      if (e.type === 'apology') {
        const letter = apologies.get(String(e.data?.apologyId));
        if (!letter) continue;
        sources.push({
          ref: this.ref(d.id, '04', `04-${letter.id}`, letter.createdAt, { type: 'apology', id: letter.id, seq: e.seq }),
          build: () => this.apologyDocument(apologyView(letter)),
        });
        continue;
      }
      if (e.action === 'approve') {
        // Only an approval that issued a decision (the People's Committee's) gives rise to a document.
        const issued = e.data?.decision as { documentId?: string } | undefined;
        if (!issued?.documentId) continue;
        sources.push({
          ref: this.ref(d.id, 'decision', issued.documentId, e.at, { type: 'event', seq: e.seq }),
          build: () => this.decision(d, procedure, party),
        });
        continue;
      }
      if (e.action === 'disburse') {
        // The bank's loan: the result document where no People's Committee decides (wage-loan v2).
        if (!d.loan) continue;
        sources.push({ ref: this.ref(d.id, 'loan', `loan-${e.seq}`, e.at, { type: 'event', seq: e.seq }), build: () => this.loan(d, d.loan!, procedure, party, e) });
        continue;
      }
      const notice = e.action === 'reject' ? (e.data?.notice as { documentId?: string } | undefined) : undefined;
      if (notice?.documentId) {
        sources.push({ ref: this.ref(d.id, 'notice', notice.documentId, e.at, { type: 'event', seq: e.seq }), build: () => this.notice(d, party, e.seq) });
        continue;
      }
      const form = e.type === 'submitted' ? '01' : e.action === 'request-supplement' ? '02' : '03';
      // The receipt is issued when the receiving unit accepts the dossier (or acts on it otherwise than refusing it).
      if (form === '01' && d.snapshot.context.accepted === false) continue;
      // The receipt is dated when the portal received the dossier (the legal receipt), as the form says.
      const issuedAt = form === '01' && typeof e.data?.submittedAt === 'string' ? new Date(e.data.submittedAt) : e.at;
      sources.push({
        ref: this.ref(d.id, form, `${form}-${e.seq}`, issuedAt, { type: 'event', seq: e.seq }),
        build: () => (form === '01' ? this.receipt(d, procedure, party, e, first) : form === '02' ? this.supplementRequest(party, e) : this.refusal(procedure, party, e)),
      });
    }
    // The control slip last: it is the one document that changes as the dossier moves on.
    const [head] = events;
    if (head?.type === 'submitted') {
      sources.push({
        // Opened when the portal received the dossier, the receipt every form states.
        ref: this.ref(d.id, '05', CONTROL_SLIP_ID, d.submittedAt, { type: 'steps', seq: head.seq }),
        build: () => this.controlSlip(d, procedure, party),
      });
    }
    return sources;
  }

  private ref(dossierId: string, form: DocumentRef['form'], id: string, at: Date, source: DocumentRef['source']): DocumentRef {
    return { id, form, title: TITLES[form], issuedAt: at.toISOString(), source, href: `/api/v1/dossiers/${dossierId}/documents/${id}`, formats: FORMATS };
  }

  private async receipt(d: DossierState, procedure: Procedure, party: DossierParty, e: EventRow, apology?: ApologyEntity): Promise<OfficialDocument> {
    const data = e.data ?? {};
    const receiver = procedure.steps.find((s) => !isApplicant(s.actor))!;
    const unit = await this.receivingUnit(receiver.actor as UnitKind, d);
    const [content] = await this.db.query(`SELECT content->'attachments' AS attachments FROM dossier WHERE id = $1`, [d.id]);
    const attachments = (Array.isArray(data.attachments) ? data.attachments : (content?.attachments ?? []).map((a: { name: string }) => a.name)) as string[];
    // The appointment made at receipt: recorded with the event, else the one an apology replaced, else today's.
    const appointed = typeof data.appointedReturnAt === 'string' ? new Date(data.appointedReturnAt) : (apology?.originalReturnDate ?? d.dueAt);
    return receiptForm({
      ...party,
      letterhead: unit ? letterhead(unit, this.units) : this.fallbackLetterhead(d.provinceCode, receiver.actor),
      submittedAt: typeof data.submittedAt === 'string' ? new Date(data.submittedAt) : d.submittedAt,
      appointedAt: appointed ?? null,
      timeLimitWorkingDays: procedure.steps.reduce((sum, s) => sum + (s.timeLimitWorkingDays ?? 0), 0),
      workerCount: typeof data.workerCount === 'number' ? data.workerCount : d.workerCount,
      attachments,
      signed: d.signed,
    });
  }

  private async controlSlip(d: DossierState, procedure: Procedure, party: DossierParty): Promise<OfficialDocument> {
    const steps = await this.stepsOf(d.id);
    const names = await this.unitNamesOfKinds(d, workingKinds(procedure.steps));
    const { competent, coordinating } = handlingUnits(procedure.steps, (kind) => names.get(kind) ?? KIND_NAMES[kind] ?? procedure.unitKinds.find((k) => k.code === kind)?.name ?? kind);
    const handovers: Handover[] = steps.map((s, i) => {
      const before = steps[i - 1];
      const pauses = s.pauses.map((p) => `Tạm dừng chờ bổ sung từ ${vnDateTime(p.from)}${p.to ? ` đến ${vnDateTime(p.to)}` : ''}`);
      return {
        from: before ? before.unitName : `${PORTAL} (${party.applicant.name})`,
        to: s.unitName,
        // The first hand-over is the portal's: it received the dossier at submittedAt (the legal
        // receipt, form 01's "thời gian nhận hồ sơ"), whenever the dossier reached this service.
        at: before ? s.startedAt : d.submittedAt,
        giver: before ? (before.officialName ?? before.unitName) : PORTAL,
        receiver: s.officialName ?? s.unitName,
        result: s.result,
        note: [s.endAction === 'reject' ? 'Từ chối giải quyết' : '', ...pauses].filter(Boolean).join('; '),
      };
    });
    const last = steps.at(-1);
    if (last?.endedAt && last.endAction !== 'withdraw' && d.finishedAt) {
      const appointed = d.appointedReturnAt ?? d.dueAt;
      const result = stepResult({ ended_at: last.endedAt, end_action: null, late: appointed !== null && last.endedAt > appointed, due_at: appointed });
      handovers.push({
        from: last.unitName,
        to: `Bộ phận tiếp nhận và trả kết quả (${PORTAL})`,
        at: last.endedAt,
        giver: last.officialName ?? last.unitName,
        receiver: PORTAL,
        result,
        note: `Trả kết quả: ${RESULT_WORDS[result].toLowerCase()} so với ngày hẹn`,
      });
    }
    return controlSlipForm({
      ...party,
      letterhead: await this.letterheadOf(steps[0]?.unitCode ?? null),
      applicant: party.applicant.name,
      handlingUnit: competent,
      coordinatingUnits: coordinating,
      handovers,
    });
  }

  private async decision(d: DossierState, procedure: Procedure, party: DossierParty): Promise<OfficialDocument> {
    const row = await this.db.getRepository(DecisionEntity).findOneByOrFail({ dossierId: d.id });
    return decisionForm({
      ...party,
      letterhead: await this.letterheadOf(row.issuerCode, row.issuerName),
      number: row.number,
      issuedAt: row.issuedAt,
      legalBasis: row.legalBasis,
      // Prepared by the Committee's own officials: its office proposes it.
      preparedBy: row.preparedByUnitName === row.issuerName ? `Văn phòng ${row.issuerName}` : row.preparedByUnitName,
      workers: row.workers,
      total: row.total,
      loan: procedure.eligibility?.kind === 'wage-loan',
      signer: { name: row.signerName },
    });
  }

  /** The loan as signed: its terms and workers are fixed at disbursal; the payments that follow are not part of it. */
  private async loan(d: DossierState, loan: Loan, procedure: Procedure, party: DossierParty, e: EventRow): Promise<OfficialDocument> {
    const listed = (await this.dossiers.content(d.id)).workers ?? [];
    const name = (n: number) => listed[n - 1]?.fullName ?? '';
    const grounds = new Map(procedure.rejectGrounds.map((g) => [g.key, g.label]));
    const step = procedure.steps.at(-1)!.key;
    return loanForm({
      ...party,
      letterhead: await this.letterheadOf(e.actor.unitCode),
      legalBasis: procedure.legalBasis,
      contractNumber: loan.contractNumber,
      signedAt: new Date(loan.signedAt),
      amount: loan.amount,
      termMonths: loan.termMonths,
      interestRate: loan.interestRate,
      overdueInterestRate: loan.overdueInterestRate,
      workers: loan.workers.map((n) => ({ n, fullName: name(n) })),
      excluded: d.excludedWorkers.filter((x) => x.step === step).map((x) => ({ n: x.n, fullName: name(x.n), ground: grounds.get(x.ground) ?? x.ground, reason: x.reason })),
      signer: await this.officialOf(e.actor.principalId),
    });
  }

  private async supplementRequest(party: DossierParty, e: EventRow): Promise<OfficialDocument> {
    const items = Array.isArray(e.data?.items) ? (e.data.items as SupplementItem[]) : [];
    return supplementRequestForm({
      ...party,
      letterhead: await this.letterheadOf(e.actor.unitCode),
      issuedAt: e.at,
      reason: e.reason ?? '',
      items,
      official: await this.officialOf(e.actor.principalId),
    });
  }

  private async notice(d: DossierState, party: DossierParty, seq: number): Promise<OfficialDocument> {
    const row = await this.db.getRepository(NoticeEntity).findOneByOrFail({ dossierId: d.id, eventSeq: seq });
    const [unit]: { kind: string }[] = await this.db.query('SELECT kind FROM unit WHERE code = $1', [row.issuerCode]);
    return noticeForm({
      ...party,
      letterhead: await this.letterheadOf(row.issuerCode),
      number: row.number,
      issuedAt: row.issuedAt,
      submittedAt: d.submittedAt,
      ground: { label: row.groundLabel, legalBasis: row.groundLegalBasis },
      reason: row.reason,
      committee: unit?.kind === 'district-pc' || unit?.kind === 'provincial-pc',
      signer: row.signerName ? { name: row.signerName } : null,
    });
  }

  private async refusal(procedure: Procedure, party: DossierParty, e: EventRow): Promise<OfficialDocument> {
    return refusalForm({
      ...party,
      letterhead: await this.letterheadOf(e.actor.unitCode),
      issuedAt: e.at,
      ground: typeof e.data?.groundText === 'string' ? e.data.groundText : null,
      legalBasis: procedure.rejectGrounds.find((g) => g.key === e.data?.ground)?.legalBasis ?? null,
      reason: e.reason ?? '',
      official: await this.officialOf(e.actor.principalId),
    });
  }

  /** For each kind, the name of its unit whose jurisdiction covers the dossier (as receivingUnit picks it). */
  private async unitNamesOfKinds(d: DossierState, kinds: UnitKind[]): Promise<Map<UnitKind, string>> {
    const rows: { kind: UnitKind; name: string }[] = await this.db.query(
      `SELECT DISTINCT ON (kind) kind, name FROM unit
        WHERE kind = ANY($1) AND province_code = $2 AND (district_code = $3 OR district_code IS NULL)
        ORDER BY kind, district_code NULLS LAST, code`,
      [kinds, d.provinceCode, d.districtCode],
    );
    return new Map(rows.map((r) => [r.kind, r.name]));
  }

  /** The unit of the step's kind whose jurisdiction covers the dossier: the district's before the province's. */
  private async receivingUnit(kind: UnitKind, d: DossierState): Promise<IssuingUnit | undefined> {
    const [unit] = await this.db.query(
      `SELECT name, kind, province_code AS "provinceCode", district_code AS "districtCode" FROM unit
        WHERE kind = $1 AND province_code = $2 AND (district_code = $3 OR district_code IS NULL)
        ORDER BY district_code NULLS LAST, code LIMIT 1`,
      [kind, d.provinceCode, d.districtCode],
    );
    return unit;
  }

  private async letterheadOf(unitCode: string | null, fallbackName?: string): Promise<Letterhead> {
    const [unit] = unitCode
      ? await this.db.query('SELECT name, kind, province_code AS "provinceCode", district_code AS "districtCode" FROM unit WHERE code = $1', [unitCode])
      : [];
    if (unit) return letterhead(unit, this.units);
    const name = fallbackName ?? unitCode ?? '';
    return { superior: null, issuer: name.toLocaleUpperCase('vi'), place: '', name };
  }

  private fallbackLetterhead(provinceCode: string, actor: string): Letterhead {
    const name = `Cơ quan tiếp nhận (${actor})`;
    return { superior: null, issuer: name.toLocaleUpperCase('vi'), place: this.units.placeName(provinceCode, null), name };
  }

  private async officialOf(principalId: string | null): Promise<{ name: string; phone: string | null } | null> {
    if (!principalId) return null;
    const [row] = await this.db.query(
      'SELECT o.full_name AS name, o.phone FROM principal p JOIN official o ON o.id = p.official_id WHERE p.id = $1',
      [principalId],
    );
    return row ?? null;
  }
}
