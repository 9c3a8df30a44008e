// Pure: the dossier as every endpoint returns it, for the calling principal.
import { availableActions } from '../grants/access';
import type { Principal } from '../common/principal';
import type { Procedure } from '../workflow/definitions';
import type { DossierContent, DossierState } from './dossier.entity';

/** The dossier's workers by n (their 1-based place in the submitted list), when the content was read. */
function workersOf(content: Pick<DossierContent, 'workers'>, d: DossierState) {
  const out = new Set(d.excludedWorkers.map((e) => e.n));
  return content.workers.map((w, i) => ({ n: i + 1, fullName: w.fullName, from: w.from, to: w.to, excluded: out.has(i + 1) }));
}

/** The dossier as every endpoint returns it (docs/api.md), for the calling principal; `content` adds the workers. */
export function dossierView(d: DossierState, procedure: Procedure, principal: Principal, now: Date, content?: Pick<DossierContent, 'workers'>) {
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
    submittedAt: d.submittedAt.toISOString(),
    /** The receiving unit accepts the dossier or asks for a supplement by then; null once it has. */
    receiptDueAt: d.receiptDueAt?.toISOString() ?? null,
    supplementRequests: d.snapshot.context.supplementRequests,
    insuranceSignature: d.insuranceSignature,
    resultReturnedAt: d.resultReturnedAt?.toISOString() ?? null,
    eligibility: d.eligibility,
    applicant: d.applicant,
    workerCount: d.workerCount,
    ...(content ? { workers: workersOf(content, d) } : {}),
    excludedWorkers: d.excludedWorkers,
    /** The provincial People's Committee's decision, once approved there; null before and without one. */
    decision: d.decision,
    /** The bank's loan once disbursed: contract, terms (0 % interest, 12 %/year overdue), payments to the workers. */
    loan: d.loan,
    signed: d.signed,
    availableActions: availableActions(principal, procedure, d),
    version: d.version,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

export type DossierView = ReturnType<typeof dossierView>;
