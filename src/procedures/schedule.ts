// Pure: which version of a procedure applies when, over the published rows of one code.
import { localDate, startOfLocalDay } from '../calendar/core';
import type { DateRange } from '../workflow/types';
import type { Procedure } from '../workflow/definitions';

export interface ScheduledVersion {
  procedure: Procedure;
  /** Dossiers submitted from this instant get this version, until the next entry's. */
  from: Date;
  /** The days (Vietnam, inclusive) dossiers of this version are taken: the definition's, or an amended last day. */
  intake: DateRange<string | null>;
}

/** The entry in force at `at`: the latest one that started at or before it. Entries are sorted by `from`. */
export function inForce(schedule: readonly ScheduledVersion[], at: Date): ScheduledVersion | undefined {
  let found: ScheduledVersion | undefined;
  for (const entry of schedule) if (entry.from <= at) found = entry;
  return found;
}

/** Whether the Vietnam day of `at` is inside the intake window. */
export function inIntake(intake: DateRange<string | null>, at: Date): boolean {
  const day = localDate(at);
  return day >= intake.from && (intake.until === null || day <= intake.until);
}

/** 00:00 Vietnam time of the day the version's legal text takes effect: the earliest it may apply from. */
export const effectiveInstant = (procedure: Procedure): Date => startOfLocalDay(procedure.effectiveFrom);
