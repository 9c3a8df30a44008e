// Pure: who may read and act on a feedback; used for refusals and availableActions alike.
import { inJurisdiction } from '../grants/access';
import type { Principal } from '../common/principal';
import { type FeedbackAction, feedbackActionsIn, type StoredFeedbackSnapshot } from './feedback.machine';

export interface FeedbackScope {
  unitCode: string | null;
  snapshot: StoredFeedbackSnapshot;
  /** Where the dossier the sender named is handled, when it exists. */
  linkedDossier: { provinceCode: string; districtCode: string } | null;
}

/** Admins see all; an official sees what was forwarded to their unit or concerns a dossier in their jurisdiction. */
export function mayReadFeedback(principal: Principal, f: Omit<FeedbackScope, 'snapshot'>): boolean {
  if (principal.kind === 'admin') return true;
  const official = principal.official;
  if (principal.kind !== 'official' || !official) return false;
  return f.unitCode === official.unitCode || (f.linkedDossier !== null && inJurisdiction(official, f.linkedDossier));
}

/**
 * The provincial office (admin) keeps the register: it forwards (assign), publishes and closes;
 * only an official of the unit the feedback was forwarded to answers it.
 */
export function feedbackRefusals(principal: Principal, f: FeedbackScope, action: FeedbackAction): string[] {
  if (action !== 'answer') return principal.kind === 'admin' ? [] : [`only the provincial office (admin) may ${action} feedback`];
  if (principal.kind !== 'official' || !principal.official) return ['only an official of the assigned unit may answer'];
  if (principal.official.unitCode !== f.unitCode) return [`the feedback is assigned to unit ${f.unitCode ?? '(none)'}, not ${principal.official.unitCode}`];
  return [];
}

export function feedbackAvailableActions(principal: Principal, f: FeedbackScope): FeedbackAction[] {
  return feedbackActionsIn(f.snapshot).filter((a) => feedbackRefusals(principal, f, a).length === 0);
}
