// Pure: when the portal's submission time is believable.
import { ruleBroken, type DomainError } from '../common/domain-error';

/** The portal's clock and ours may differ a little; a submission this far ahead is still "now". */
export const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The legal clock starts at the portal's `submittedAt` (Decree 45/2020), so it must not lie in the
 * future nor further back than `maxAgeDays` (a dossier that old was lost on the way, or is a replay).
 */
export function submittedAtRefusal(submittedAt: Date, now: Date, maxAgeDays: number): DomainError | null {
  if (submittedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    return ruleBroken('DOSSIER_SUBMITTED_IN_FUTURE', `submittedAt ${submittedAt.toISOString()} is in the future (now ${now.toISOString()})`, {
      field: 'submittedAt',
    });
  }
  if (now.getTime() - submittedAt.getTime() > maxAgeDays * 86_400_000) {
    return ruleBroken(
      'DOSSIER_SUBMITTED_TOO_LONG_AGO',
      `submittedAt ${submittedAt.toISOString()} is more than ${maxAgeDays} days before now (${now.toISOString()}); such a dossier is not received automatically`,
      { field: 'submittedAt', maxAgeDays },
    );
  }
  return null;
}
