// Pure: when a step counts as near due: at most one working day of office time is left (DOMAIN.md: the
// apology goes out no later than one working day before the deadline).

/** The part of WorkingCalendar this needs. */
export interface OfficeTime {
  addWorkingMs(from: Date, ms: number): Date;
}

/**
 * The latest due instant that is "within one working day" of `now`: a step due at or before it
 * (and not yet past) is near due. Computed once per pass, so the pass compares plain timestamps
 * in SQL (`step_due_at <= horizon`) instead of evaluating the calendar per dossier.
 */
export function nearDueHorizon(calendar: OfficeTime, now: Date, hours: { startHour: number; endHour: number }): Date {
  return calendar.addWorkingMs(now, (hours.endHour - hours.startHour) * 3_600_000);
}
