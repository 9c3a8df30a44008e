// Pure: what receiving a dossier or taking an action writes: the row's changes and the history entry,
// as one value computed from the machine's decision, so the services assemble nothing by hand.
import { localDate } from '../calendar/core/iso-day';
import type { JsonObject } from '../common/canonical-json';
import type { EventActor } from '../common/event-actor';
import type { Changes } from '../ledger/ledger';
import type { Decision } from '../workflow/decide';
import type { Procedure } from '../workflow/definitions';
import { eligibilityFindings, type EligibilitySummary, summarize } from '../workflow/eligibility';
import type { WorkersLeft } from '../workflow/exclusion';
import { type LegalEvent, supplementItems } from '../workflow/legal-rules';
import { signedLoan, withPayment } from '../workflow/loan';
import type { ActionEvent } from '../workflow/types';
import type { DossierContent, DossierEntity, DossierState } from './dossier.entity';
import { nextClock, NO_CLOCK, type WorkingTime } from './due-dates';
import { type StepHandover, stepHandover } from './step-log';

/** A history entry to append (the ledger adds seq, toState, the time and the chain). */
export interface NewEvent {
  type: 'submitted' | 'action' | 'apology' | 'result-returned';
  action: string | null;
  fromState: string | null;
  actor: EventActor;
  comment?: string | null;
  reason?: string | null;
  data?: JsonObject | null;
  /** The step this change ends and the one it starts, recorded in dossier_step (stepHandover). */
  handover?: StepHandover | null;
}

export type NewDossier = Omit<DossierEntity, 'headHash' | 'createdAt' | 'updatedAt'>;

/** What an action may change: never the identity, nor what the ledger itself keeps (version, chain head, times). */
export type DossierChanges = Changes<Omit<DossierEntity, 'portalCode'>>;

/** The content of a dossier with the findings computed on it. */
export interface CheckedContent {
  content: DossierContent;
  eligibility: EligibilitySummary;
}

/** A dossier's content with its findings under its version's rules, as the row keeps them. */
export function checkedContent(procedure: Procedure, content: DossierContent, wageRegion: 1 | 2 | 3 | 4 | null): CheckedContent {
  return { content, eligibility: summarize(eligibilityFindings(procedure.eligibility, { ...content, wageRegion })) };
}

/** A dossier as the portal submitted it, its findings computed, before the machine's first move. */
export interface Submission extends CheckedContent {
  id: string;
  portalCode: string;
  submittedAt: Date;
  submissionHash: string;
  applicant: DossierEntity['applicant'];
  signed: boolean;
}

/** The dossier received (version 1) and its first entry, `submitted`, with what form 01 states. */
export function receivedDossier(procedure: Procedure, s: Submission, decision: Decision, actor: EventActor, cal: WorkingTime & ReceiptTime, now: Date) {
  const base = {
    id: s.id,
    portalCode: s.portalCode,
    procedureCode: procedure.code,
    procedureVersion: procedure.version,
    state: decision.toState,
    status: decision.status,
    ...NO_CLOCK,
    receivedAt: now,
    submittedAt: s.submittedAt,
    // The receiving unit accepts the dossier or asks for a supplement within 8 working hours (Decree 45/2020).
    receiptDueAt: cal.addWorkingMs(s.submittedAt, RECEIPT_WORKING_MS),
    eligibility: s.eligibility,
    insuranceSignature: null,
    resultReturnedAt: null,
    excludedWorkers: [],
    decision: null,
    loan: null,
    applicant: s.applicant,
    taxCode: s.applicant.taxCode,
    provinceCode: s.applicant.provinceCode,
    districtCode: s.applicant.districtCode,
    workerCount: s.content.workers.length,
    signed: s.signed,
    content: s.content,
    submissionHash: s.submissionHash,
    snapshot: decision.snapshot,
    version: 1,
  } satisfies NewDossier;
  // The legal clock starts when the portal received the dossier, not when it reached this service.
  const dossier: NewDossier = { ...base, ...nextClock(procedure, base, decision, cal, s.submittedAt) };
  const entry: NewEvent = {
    type: 'submitted',
    action: 'submit',
    fromState: 'submission',
    actor,
    // What the receipt (form 01) states, fixed at this moment.
    data: {
      submittedAt: s.submittedAt.toISOString(),
      appointedReturnAt: dossier.dueAt?.toISOString() ?? null,
      workerCount: s.content.workers.length,
      attachments: s.content.attachments.map((a) => a.name),
    },
    handover: stepHandover(decision, 'submit', base, dossier, cal, now),
  };
  return { dossier, entry };
}

/** Decree 45/2020/NĐ-CP: an online dossier is accepted or sent back for a supplement within 8 working hours. */
const RECEIPT_WORKING_MS = 8 * 3_600_000;

/** The part of a calendar that the receipt's limit needs. */
export interface ReceiptTime {
  addWorkingMs(from: Date, ms: number): Date;
}

/** What taking `event` changes on `before` (the machine's `decision`), and the entry it appends. */
export function actionChange(
  procedure: Procedure,
  before: DossierState,
  decision: Decision,
  event: ActionEvent & LegalEvent,
  actor: EventActor,
  cal: WorkingTime,
  now: Date,
  supplemented: CheckedContent | null,
  left: WorkersLeft | null = null,
): { changes: DossierChanges; entry: NewEvent } {
  const clock = nextClock(procedure, before, decision, cal, now);
  const changes: DossierChanges = {
    state: decision.toState,
    status: decision.status,
    snapshot: decision.snapshot,
    ...clock,
    ...(event.type === 'confirm' && event.signature ? { insuranceSignature: { ...event.signature, unitCode: actor.unitCode } } : {}),
    ...(supplemented ? { ...supplemented, workerCount: supplemented.content.workers.length } : {}),
    ...(left ? { eligibility: summarize(left.findings), excludedWorkers: left.excluded } : {}),
    ...loanChange(before, event, now),
  };
  const entry: NewEvent = {
    type: 'action',
    action: event.type,
    fromState: decision.fromState,
    actor,
    comment: event.comment,
    reason: event.reason,
    data: eventData(procedure, event, left),
    handover: stepHandover(decision, event.type, before, clock, cal, now),
  };
  return { changes, entry };
}

/** The loan `disburse` signs (its payments dated by the month of the disbursal, Vietnam time, when it lists none), or the one a payment adds to. */
function loanChange(before: DossierState, event: ActionEvent & LegalEvent, now: Date): DossierChanges {
  const data = event.data ?? {};
  if (event.type === 'disburse') return { loan: signedLoan(data, event.facts?.loanWorkers ?? [], now, localDate(now).slice(0, 7)) };
  if (event.type === 'record-payment' && before.loan) return { loan: withPayment(before.loan, data) };
  return {};
}

/**
 * What the history keeps of an action: its data, the workers out after it, the items a supplement request asks for (form 02),
 * the refusal's ground with the law's wording (form 03), BHXH's signature.
 */
function eventData(procedure: Procedure, event: ActionEvent & LegalEvent, left: WorkersLeft | null): JsonObject | null {
  const extra: JsonObject = {};
  // Every worker out after this step, those approval left out unasked included.
  if (left) extra.excludedWorkers = left.excluded.map((e) => ({ ...e }));
  if (event.type === 'request-supplement') extra.items = supplementItems(event).map((item) => ({ ...item }));
  if (event.type === 'reject' && event.ground) {
    extra.ground = event.ground;
    extra.groundText = procedure.rejectGrounds.find((g) => g.key === event.ground)?.label ?? null;
  }
  if (event.type === 'confirm' && event.signature) extra.signature = { ...event.signature };
  const data = { ...(event.data ?? {}), ...extra } as JsonObject;
  return Object.keys(data).length ? data : null;
}
