import type { LegalViolation } from './legal-rules';
import type { ActionEvent, DossierContext } from './types';

export type RuleViolation =
  | { code: 'DOSSIER_REASON_REQUIRED'; field: 'reason'; message: string }
  | { code: 'DOSSIER_DATA_REQUIRED'; field: string; message: string }
  | { code: 'DOSSIER_PAPER_SUPPLEMENT_FORBIDDEN'; message: string }
  | LegalViolation;

function text(value: unknown): boolean {
  return typeof value === 'string' && value.trim().length > 0;
}

/**
 * The business rules an action must satisfy beyond being available in the state.
 * Machines use it as their guard; decide() uses it to say which rule refused.
 */
export function ruleViolation(context: DossierContext, event: ActionEvent): RuleViolation | null {
  if ((event.type === 'reject' || event.type === 'request-supplement') && !text(event.reason)) {
    return { code: 'DOSSIER_REASON_REQUIRED', field: 'reason', message: `reason is required for ${event.type}` };
  }
  if (event.type === 'request-supplement' && event.channel === 'paper' && context.signed && context.channel === 'online') {
    return {
      code: 'DOSSIER_PAPER_SUPPLEMENT_FORBIDDEN',
      message: 'a digitally signed online dossier is never sent back for paper copies (Decree 45/2020; Cần Thơ 5465/UBND-KSTT 1c)',
    };
  }
  if (event.type === 'disburse') {
    const data = event.data ?? {};
    if (!text(data.contractNumber)) {
      return { code: 'DOSSIER_DATA_REQUIRED', field: 'data.contractNumber', message: 'data.contractNumber is required for disburse' };
    }
    if (typeof data.amount !== 'number' || !Number.isInteger(data.amount) || data.amount <= 0) {
      return { code: 'DOSSIER_DATA_REQUIRED', field: 'data.amount', message: 'data.amount must be a positive integer (VND) for disburse' };
    }
  }
  return null;
}
