// Pure: when a dossier counts as near due, and the last moment for an apology letter: the letter
// goes out no later than one working day before the appointed return date (Decree 61/2018, form 04
// of Circular 01/2018/TT-VPCP), counted in office time on the working-day calendar.

/** The part of WorkingCalendar this needs. */
export interface OfficeTime {
  addWorkingMs(from: Date, ms: number): Date;
  subtractWorkingDays(due: Date, n: number): Date;
}

export interface OfficeHours {
  startHour: number;
  endHour: number;
}

function officeDayMs(hours: OfficeHours): number {
  return (hours.endHour - hours.startHour) * 3_600_000;
}

/**
 * The latest due instant that is "within one working day" of `now`: a step due at or before it
 * (and not yet past) is near due. Computed once per pass, so the pass compares plain timestamps
 * in SQL (`step_due_at <= horizon`) instead of evaluating the calendar per dossier.
 */
export function nearDueHorizon(calendar: OfficeTime, now: Date, hours: OfficeHours): Date {
  return calendar.addWorkingMs(now, officeDayMs(hours));
}

/**
 * The latest appointed return date whose apology deadline is within one working day of `now`:
 * a dossier without an apology whose appointed date is at or before it is near due, so the unit
 * holding it is prompted a working day before its last chance to apologise.
 */
export function apologyPromptHorizon(calendar: OfficeTime, now: Date, hours: OfficeHours): Date {
  return calendar.addWorkingMs(now, 2 * officeDayMs(hours));
}

/** The last moment an apology letter may be sent: one full working day of office time before the appointed return date. */
export function apologyDeadline(calendar: OfficeTime, appointedReturnAt: Date): Date {
  return calendar.subtractWorkingDays(appointedReturnAt, 1);
}
