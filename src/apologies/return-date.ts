// Pure: the new return date of an apology letter: a working day, in the future, after the current due
// date, within a year, and (for an instant) within office hours.
import { invalid } from '../common/domain-error';
import { isDateOnly, isInstant } from '../common/validators';
import { dayNumber, isoDate, localDay, startOfLocalDay } from '../calendar/core/iso-day';

/** The part of WorkingCalendar this needs. */
export interface WorkingDays {
  isWorkingDay(date: string): boolean;
  addWorkingDays(from: Date, n: number): Date;
  covers(date: string): boolean;
  withinOfficeHours(at: Date): boolean;
}

/** How far ahead a new return date may be: a year (the steps' limits are days, not months). */
export const MAX_DAYS_AHEAD = 366;

/**
 * Reads `YYYY-MM-DD` (the end of office hours that day, like every due date) or an ISO instant
 * with an offset inside that day's office hours, and checks it against `now`, the calendar and
 * the current due date. The day is checked against now and the horizon before the calendar is
 * asked anything, so a date of any year is a 400, never a question the calendar cannot answer.
 */
export function newReturnDate(raw: string, calendar: WorkingDays, now: Date, currentDue: Date): Date {
  const dateOnly = isDateOnly(raw);
  let day: number;
  if (dateOnly) day = dayNumber(raw);
  else if (isInstant(raw)) day = localDay(Date.parse(raw));
  else throw invalid('APOLOGY_RETURN_DATE_INVALID', [`newReturnDate ${raw} must be a calendar date YYYY-MM-DD or an ISO 8601 date-time with an offset`]);
  const today = localDay(now.getTime());
  if (day < today) throw invalid('APOLOGY_RETURN_DATE_IN_PAST', [`newReturnDate ${raw} is not in the future`]);
  const date = isoDate(day);
  if (day > today + MAX_DAYS_AHEAD || !calendar.covers(date)) {
    throw invalid('APOLOGY_RETURN_DATE_TOO_FAR', [`newReturnDate ${raw} must be at most ${MAX_DAYS_AHEAD} days after today`]);
  }
  if (!calendar.isWorkingDay(date)) {
    throw invalid('APOLOGY_RETURN_DATE_NOT_WORKING_DAY', [`newReturnDate ${date} is not a working day`]);
  }
  // Results are returned during office hours (docs/domain.md): an instant outside them is refused,
  // not moved, so the letter never states a time the applicant did not ask for.
  if (!dateOnly && !calendar.withinOfficeHours(new Date(raw))) {
    throw invalid('APOLOGY_RETURN_DATE_OUTSIDE_OFFICE_HOURS', [
      `newReturnDate ${raw} is outside office hours in Vietnam time; give a time within them, or the date YYYY-MM-DD for the end of office hours that day`,
    ]);
  }
  // On a working day, "0 working days from midnight" is that day's closing time.
  const at = dateOnly ? calendar.addWorkingDays(startOfLocalDay(raw), 0) : new Date(raw);
  if (at <= now) throw invalid('APOLOGY_RETURN_DATE_IN_PAST', [`newReturnDate ${raw} is not in the future`]);
  if (at <= currentDue) {
    throw invalid('APOLOGY_RETURN_DATE_NOT_LATER', [`newReturnDate ${raw} must be after the current due date ${currentDue.toISOString()}`]);
  }
  return at;
}
