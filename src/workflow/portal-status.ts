// Pure: the national portal's status codes (TrangThaiHoSo) of a dossier.
import type { DossierStatus } from './types';

/**
 * TrangThaiHoSo codes of the national portal (docs/api.md, "The portal's status codes"): 1 registered
 * (the portal took it, the receiving unit has not accepted it yet), 2 received (accepted: tiếp nhận,
 * Circular 01/2018/TT-VPCP form 01; also again once the applicant supplemented it there), 3 not
 * received (the receiving unit refused it before accepting it, form 03), 4 processing (a later step
 * holds it), 5 supplement requested, 7 withdrawn at the applicant's request, 8 processing stopped (a
 * refusal after acceptance), 9 processed (approved), 10 result returned (the approval handed to the
 * applicant, or the loan signed).
 */
export function portalStatusCode(status: DossierStatus, state: string, firstStep: string, resultReturned = false, accepted = true): number {
  switch (status) {
    case 'processing':
      if (state !== firstStep) return 4;
      return accepted ? 2 : 1;
    case 'awaiting-supplement':
      return 5;
    case 'withdrawn':
      return 7;
    case 'rejected':
      return accepted ? 8 : 3;
    case 'approved':
      return resultReturned ? 10 : 9;
    case 'disbursing':
    case 'disbursed':
      return 10;
  }
}

/** The portal code of a dossier of `procedure` (its first working step receives it). */
export function dossierPortalStatus(
  procedure: { steps: { key: string }[] },
  d: { status: DossierStatus; state: string; resultReturnedAt?: Date | null; snapshot?: { context: { accepted?: boolean } } },
): number {
  // Snapshots stored before acceptance was recorded carry no flag: those count as accepted.
  const accepted = d.snapshot?.context.accepted !== false;
  return portalStatusCode(d.status, d.state, procedure.steps[1]?.key ?? '', Boolean(d.resultReturnedAt), accepted);
}
