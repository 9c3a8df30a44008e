// Pure: the business rules of the procedures' actions.
import { showsNothing } from '../common/text';
import type { LegalViolation } from './legal-rules';
import type { ActionEvent, DossierContext } from './types';

/**
 * A broken rule says how it is answered: 400 when the request lacks what the rule needs (the
 * field names it), 422 when the request is complete but the rule forbids it.
 */
export type RuleViolation =
  | { code: 'DOSSIER_REASON_REQUIRED'; status: 400; field: 'reason'; message: string }
  | { code: 'DOSSIER_DATA_REQUIRED'; status: 400; field: 'data.contractNumber' | 'data.amount'; message: string }
  | { code: 'DOSSIER_PAPER_SUPPLEMENT_FORBIDDEN'; status: 422; field: null; message: string }
  | LegalViolation;

// The one meaning of "shows something" (zero-width and control characters count as nothing), as validation has it.
function isVisibleText(value: unknown): boolean {
  return typeof value === 'string' && !showsNothing(value);
}

/**
 * The business rules an action must satisfy beyond being available in the state.
 * Machines use it as their guard; decide() uses it to say which rule refused.
 */
export function ruleViolation(context: DossierContext, event: ActionEvent): RuleViolation | null {
  if ((event.type === 'reject' || event.type === 'request-supplement') && !isVisibleText(event.reason)) {
    return { code: 'DOSSIER_REASON_REQUIRED', status: 400, field: 'reason', message: `reason is required for ${event.type}` };
  }
  if (event.type === 'request-supplement' && event.channel === 'paper' && context.signed && context.channel === 'online') {
    return {
      code: 'DOSSIER_PAPER_SUPPLEMENT_FORBIDDEN',
      status: 422,
      field: null,
      message: 'a digitally signed online dossier is never sent back for paper copies (Decree 45/2020; Cần Thơ 5465/UBND-KSTT 1c)',
    };
  }
  if (event.type === 'disburse') {
    const data = event.data ?? {};
    if (!isVisibleText(data.contractNumber)) {
      return { code: 'DOSSIER_DATA_REQUIRED', status: 400, field: 'data.contractNumber', message: 'data.contractNumber is required for disburse' };
    }
    if (typeof data.amount !== 'number' || !Number.isInteger(data.amount) || data.amount <= 0) {
      return { code: 'DOSSIER_DATA_REQUIRED', status: 400, field: 'data.amount', message: 'data.amount must be a positive integer (VND) for disburse' };
    }
  }
  return null;
}
