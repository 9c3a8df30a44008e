// Pure: the national portal's status codes (TrangThaiHoSo) of a dossier.
import type { DossierStatus } from './types';

/**
 * TrangThaiHoSo codes of the national portal (DOMAIN.md): 2 received, 4 processing,
 * 5 supplement requested, 7 withdrawn at the applicant's request, 8 processing stopped
 * (a refusal ends processing), 9 processed, 10 result returned (the loan is paid out).
 */
export function portalStatusCode(status: DossierStatus, state: string, firstStep: string): number {
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
      return 9;
    case 'disbursed':
      return 10;
  }
}

/** The portal code of a dossier of `procedure` (its first working step counts as "received"). */
export function dossierPortalStatus(procedure: { steps: { key: string }[] }, status: DossierStatus, state: string): number {
  return portalStatusCode(status, state, procedure.steps[1]?.key ?? '');
}
