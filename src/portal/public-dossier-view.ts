// Pure: what the citizens' lookup shows of a dossier.
import type { DossierEntity } from '../dossiers/dossier.entity';
import type { Procedure } from '../workflow/definitions';
import { dossierPortalStatus } from '../workflow/portal-status';

export interface DoneStep {
  step: string;
  action: string;
  at: Date;
}

export interface ApologyDates {
  number: string;
  originalReturnDate: Date;
  newReturnDate: Date;
  issuedAt: Date;
}

/**
 * What anyone holding the dossier code and the tax code may read: progress and dates only.
 * Built field by field, never from the row, so no personal data (workers, applicant contact,
 * officials, free-text comments and reasons, which may name people) can slip through.
 */
export function publicDossierView(d: DossierEntity, procedure: Procedure, steps: DoneStep[], apologies: ApologyDates[], now: Date) {
  const step = procedure.steps.find((s) => s.key === d.currentStep);
  return {
    portalCode: d.portalCode,
    procedure: { code: procedure.code, version: procedure.version, name: procedure.name },
    status: d.status,
    portalStatusCode: dossierPortalStatus(procedure, d.status, d.state),
    state: d.state,
    receivedAt: d.receivedAt.toISOString(),
    currentStep: step
      ? { key: step.key, actor: step.actor, dueAt: d.stepDueAt?.toISOString() ?? null, overdue: d.stepDueAt !== null && d.stepDueAt < now }
      : null,
    dueAt: d.dueAt?.toISOString() ?? null,
    finishedAt: d.finishedAt?.toISOString() ?? null,
    steps: steps.map((s) => ({ step: s.step, action: s.action, at: s.at.toISOString() })),
    apologies: apologies.map((a) => ({
      number: a.number,
      originalReturnDate: a.originalReturnDate.toISOString(),
      newReturnDate: a.newReturnDate.toISOString(),
      issuedAt: a.issuedAt.toISOString(),
    })),
  };
}
