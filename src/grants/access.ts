// Pure: who may do what to a dossier: one function used by the guard and by availableActions.
import { actionsIn, stepActingIn, type StoredSnapshot } from '../workflow/decide';
import type { Procedure } from '../workflow/definitions';
import { holdersOf } from '../workflow/step-holders';
import type { ActionName } from '../workflow/types';
import type { OfficialScope, Principal } from '../common/principal';

export interface DossierScope {
  procedureCode: string;
  provinceCode: string;
  districtCode: string;
  snapshot: StoredSnapshot;
}

const INTEGRATION_ACTIONS: ActionName[] = ['submit', 'supplement', 'withdraw'];

export function inJurisdiction(official: OfficialScope, dossier: { provinceCode: string; districtCode: string }): boolean {
  if (official.provinceCode !== dossier.provinceCode) return false;
  return official.districtCode === null || official.districtCode === dossier.districtCode;
}

/** Whether the principal may read the dossier at all. */
export function maySee(principal: Principal, dossier: { provinceCode: string; districtCode: string }): boolean {
  if (principal.kind !== 'official') return true;
  return principal.official !== null && inJurisdiction(principal.official, dossier);
}

/** The reasons the principal may not take `action` now; empty when it may. */
export function refusals(principal: Principal, procedure: Procedure, dossier: DossierScope, action: ActionName): string[] {
  if (INTEGRATION_ACTIONS.includes(action)) {
    return principal.kind === 'integration' ? [] : [`only the portal integration may ${action}`];
  }
  return stepHolderRefusals(principal, procedure, dossier, stepActingIn(procedure, dossier.snapshot.value), action);
}

/**
 * The reasons the principal is not an official of the unit holding `stepKey` of the dossier
 * (unit kind = the step's actor, a grant for the step, the dossier in the unit's jurisdiction);
 * empty when it is. `what` names the act in the reasons.
 */
export function stepHolderRefusals(
  principal: Principal,
  procedure: Procedure,
  dossier: { provinceCode: string; districtCode: string },
  stepKey: string,
  what: string,
): string[] {
  if (principal.kind !== 'official' || !principal.official) return [`only an official of the step's unit may ${what}`];
  const official = principal.official;
  const step = procedure.steps.find((s) => s.key === stepKey);
  if (!step) return [`the dossier is not at a step where ${what} is taken`];
  const reasons: string[] = [];
  if (!holdersOf(step.actor).includes(official.unitKind)) reasons.push(`step ${step.key} is acted on by a ${step.actor} unit, not ${official.unitKind}`);
  if (!official.grants.some((g) => g.procedureCode === procedure.code && g.step === step.key)) {
    reasons.push(`no grant for ${procedure.code} / ${step.key}`);
  }
  if (!inJurisdiction(official, dossier)) reasons.push('the dossier is outside the unit\'s jurisdiction');
  return reasons;
}

/** The actions the principal may take now: the machine's, filtered by the same rules. */
export function availableActions(principal: Principal, procedure: Procedure, dossier: DossierScope): ActionName[] {
  return actionsIn(procedure, dossier.snapshot).filter((a) => refusals(principal, procedure, dossier, a).length === 0);
}
