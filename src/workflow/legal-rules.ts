// Pure: the rules of the law and of the one-stop shop that an action must also satisfy, each with
// the status it is answered with (400: the request lacks what the rule needs, naming the field;
// 422: the request is complete but the rule forbids it) and its legal source in the message.
import { type ExclusionOutcome, type ExclusionViolation, excludingActions } from './exclusion';
import { loanViolation, type LoanViolation } from './loan';
import type { ActionEvent, DossierContext, ProcedureDefinition } from './types';

/** What the dossier's row knows that the machine's context does not, passed with the event. */
export interface DossierFacts {
  /** BHXH confirmed with its digital signature. */
  insuranceSigned: boolean;
  /** An eligibility finding excludes the dossier outright (e.g. a period outside the programme). */
  eligibilityBlocking: boolean;
  /** The most the law lets the bank lend for the dossier's workers (VND); null when not a loan. */
  loanCap: number | null;
  /** For a step that decides on the workers (appraise, approve): its exclusions applied, or why they cannot be. */
  workers?: ExclusionOutcome;
  /** disburse, record-payment: the workers (by n) the loan is or would be for; null when the dossier lists none. */
  loanWorkers?: readonly number[] | null;
}

export interface SupplementItem {
  document: string;
  form: 'electronic' | 'paper';
  note?: string | null;
}

/** The fields of an action this module reads beyond ActionEvent's. */
export interface LegalEvent extends ActionEvent {
  items?: SupplementItem[] | null;
  ground?: string | null;
  signature?: { certificateSerial: string; signedAt: string } | null;
  facts?: DossierFacts;
}

export type LegalViolation =
  | { code: 'DOSSIER_SUPPLEMENT_ITEMS_REQUIRED'; status: 400; field: 'items'; message: string }
  | { code: 'DOSSIER_GROUND_REQUIRED' | 'DOSSIER_GROUND_UNKNOWN'; status: 400; field: 'ground'; message: string }
  | { code: 'DOSSIER_FIELD_NOT_EXPECTED'; status: 400; field: 'items' | 'ground' | 'signature' | 'data.exclude'; message: string }
  | ExclusionViolation
  | LoanViolation
  | {
      code:
        | 'DOSSIER_PAPER_SUPPLEMENT_FORBIDDEN'
        | 'DOSSIER_SUPPLEMENT_ALREADY_REQUESTED'
        | 'DOSSIER_GROUND_NOT_APPLICABLE'
        | 'DOSSIER_INELIGIBLE_MUST_REJECT'
        | 'DOSSIER_DISBURSAL_ABOVE_CAP';
      status: 422;
      field: null;
      message: string;
    };

/** The supplement items asked for: the structured list, or the one the legacy `channel` stands for. */
export function supplementItems(event: LegalEvent): SupplementItem[] {
  if (event.items?.length) return event.items;
  if (!event.channel) return [];
  return [{ document: event.reason?.trim() || 'Hồ sơ bổ sung', form: event.channel === 'paper' ? 'paper' : 'electronic' }];
}

/**
 * Whether the dossier may be sent back for paper: never once it is an online dossier signed by
 * the employer or, after its confirmation, by BHXH (Decree 45/2020/NĐ-CP: electronic dossiers have
 * the validity of paper; Decision 15/2020/QĐ-TTg art. 19(2); Cần Thơ 5465/UBND-KSTT point 1c).
 */
export function paperForbidden(context: DossierContext, facts?: DossierFacts): boolean {
  return context.channel === 'online' && (context.signed || facts?.insuranceSigned === true);
}

function fieldOnly(procedure: Pick<ProcedureDefinition, 'steps'>, event: LegalEvent): LegalViolation | null {
  const expected = { items: 'request-supplement', ground: 'reject', signature: 'confirm' } as const;
  for (const field of ['items', 'ground', 'signature'] as const) {
    if (event[field] !== undefined && event[field] !== null && event.type !== expected[field]) {
      return { code: 'DOSSIER_FIELD_NOT_EXPECTED', status: 400, field, message: `${field} is taken only with ${expected[field]}, not with ${event.type}` };
    }
  }
  const excluding = excludingActions(procedure);
  if (event.data?.exclude !== undefined && !excluding.includes(event.type)) {
    return { code: 'DOSSIER_FIELD_NOT_EXPECTED', status: 400, field: 'data.exclude', message: `data.exclude is taken only with ${excluding.join(', ')}, not with ${event.type}` };
  }
  return null;
}

export function legalViolation(procedure: Pick<ProcedureDefinition, 'rejectGrounds' | 'steps'>, context: DossierContext, event: LegalEvent): LegalViolation | null {
  const misplaced = fieldOnly(procedure, event);
  if (misplaced) return misplaced;
  if (event.type === 'request-supplement') {
    const items = supplementItems(event);
    if (items.length === 0) {
      return {
        code: 'DOSSIER_SUPPLEMENT_ITEMS_REQUIRED',
        status: 400,
        field: 'items',
        message: 'a supplement request lists what it asks for: items [{ document, form: "electronic" | "paper", note }], at least one (or, the older way, channel)',
      };
    }
    if (context.supplementRequests >= 1) {
      return {
        code: 'DOSSIER_SUPPLEMENT_ALREADY_REQUESTED',
        status: 422,
        field: null,
        message: 'a supplement may be requested once per dossier (Decree 61/2018/NĐ-CP; a second request counts the dossier late in the national indicator)',
      };
    }
    if (items.some((item) => item.form === 'paper') && paperForbidden(context, event.facts)) {
      return {
        code: 'DOSSIER_PAPER_SUPPLEMENT_FORBIDDEN',
        status: 422,
        field: null,
        message: 'a digitally signed online dossier is never sent back for paper copies (Decree 45/2020; Cần Thơ 5465/UBND-KSTT 1c)',
      };
    }
  }
  if (event.type === 'reject') {
    if (!event.ground) {
      return { code: 'DOSSIER_GROUND_REQUIRED', status: 400, field: 'ground', message: `a refusal gives its ground, one of: ${procedure.rejectGrounds.map((g) => g.key).join(', ')}` };
    }
    const ground = procedure.rejectGrounds.find((g) => g.key === event.ground);
    if (!ground) {
      return {
        code: 'DOSSIER_GROUND_UNKNOWN',
        status: 400,
        field: 'ground',
        message: `ground "${event.ground}" is not a ground of this procedure version; one of: ${procedure.rejectGrounds.map((g) => g.key).join(', ')}`,
      };
    }
    if (ground.afterSupplementOnly && context.supplementRequests === 0) {
      return { code: 'DOSSIER_GROUND_NOT_APPLICABLE', status: 422, field: null, message: `ground "${ground.key}" answers a supplement request, and none was made` };
    }
  }
  if (event.facts?.workers?.kind === 'refused') return event.facts.workers.violation;
  if (event.type === 'disburse' || event.type === 'record-payment') {
    const loan = loanViolation(context, event, event.facts?.loanWorkers ?? null);
    if (loan) return loan;
  }
  // With the workers known, approval (or a loan that approves the list) is judged on those left (excluding() above); else on the dossier's findings.
  const judgedOnWorkers = (event.type === 'approve' || event.type === 'disburse') && event.facts?.workers !== undefined;
  if ((event.type === 'approve' || event.type === 'disburse') && !judgedOnWorkers && event.facts?.eligibilityBlocking) {
    return {
      code: 'DOSSIER_INELIGIBLE_MUST_REJECT',
      status: 422,
      field: null,
      message: `the law excludes this dossier (see its eligibility findings): it cannot be ${event.type === 'approve' ? 'approved' : 'paid'}, only refused (reject with ground not-in-programme-period or ineligible)`,
    };
  }
  if (event.type === 'disburse' && event.facts?.loanCap != null && typeof event.data?.amount === 'number' && event.data.amount > event.facts.loanCap) {
    return {
      code: 'DOSSIER_DISBURSAL_ABOVE_CAP',
      status: 422,
      field: null,
      message: `data.amount ${event.data.amount} is above the most the law allows for these workers, ${event.facts.loanCap} VND (a share of the regional minimum wage per worker and month, at most 3 months)`,
    };
  }
  return null;
}
