// Pure: the dossier as every endpoint returns it, for the calling principal.
import { availableActions } from '../officials/access';
import type { Principal } from '../common/principal';
import type { Procedure } from '../workflow/definitions';
import type { DossierState } from './dossier.entity';

/** The dossier as every endpoint returns it (API.md), for the calling principal. */
export function dossierView(d: DossierState, procedure: Procedure, principal: Principal, now: Date) {
  const step = procedure.steps.find((s) => s.key === d.currentStep);
  return {
    id: d.id,
    portalCode: d.portalCode,
    procedureCode: d.procedureCode,
    procedureVersion: d.procedureVersion,
    state: d.state,
    status: d.status,
    currentStep: step
      ? {
          key: step.key,
          actor: step.actor,
          startedAt: d.stepStartedAt?.toISOString() ?? null,
          dueAt: d.stepDueAt?.toISOString() ?? null,
          overdue: d.stepDueAt !== null && d.stepDueAt < now,
        }
      : null,
    dueAt: d.dueAt?.toISOString() ?? null,
    appointedReturnDate: d.appointedReturnAt?.toISOString() ?? null,
    receivedAt: d.receivedAt.toISOString(),
    applicant: d.applicant,
    workerCount: d.workerCount,
    signed: d.signed,
    availableActions: availableActions(principal, procedure, d),
    version: d.version,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

export type DossierView = ReturnType<typeof dossierView>;
