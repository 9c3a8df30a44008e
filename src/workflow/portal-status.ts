// Pure: the national portal's status codes (TrangThaiHoSo) of a dossier.
import type { DossierStatus } from './types';

/**
 * TrangThaiHoSo codes of the national portal (docs/domain.md): 2 received (the receiving step holds it,
 * also again once the applicant supplemented it there), 4 processing (a later step holds it),
 * 5 supplement requested, 7 withdrawn at the applicant's request, 8 processing stopped (a refusal
 * with its reason ends processing; 3 "not received" is for a dossier never taken in, and every
 * dossier here was), 9 processed (approved), 10 result returned (the approval handed to the
 * applicant, or the loan paid out).
 */
export function portalStatusCode(status: DossierStatus, state: string, firstStep: string, resultReturned = false): number {
  switch (status) {
    case 'processing':
      return state === firstStep ? 2 : 4;
    case 'awaiting-supplement':
      return 5;
    case 'withdrawn':
      return 7;
    case 'rejected':
      return 8;
    case 'approved':
      return resultReturned ? 10 : 9;
    case 'disbursed':
      return 10;
  }
}

/** The portal code of a dossier of `procedure` (its first working step counts as "received"). */
export function dossierPortalStatus(
  procedure: { steps: { key: string }[] },
  d: { status: DossierStatus; state: string; resultReturnedAt?: Date | null },
): number {
  return portalStatusCode(d.status, d.state, procedure.steps[1]?.key ?? '', Boolean(d.resultReturnedAt));
}
