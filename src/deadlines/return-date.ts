// The new return date of an apology letter: a working day, in the future, after the current due
// date, within a year, and (for an instant) within office hours.
import { invalid } from '../common/domain-error';

/** The part of WorkingCalendar this needs. */
export interface WorkingDays {
  isWorkingDay(date: string): boolean;
  addWorkingDays(from: Date, n: number): Date;
  covers(date: string): boolean;
  withinOfficeHours(at: Date): boolean;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 86_400_000;
const VN_OFFSET_MS = 7 * 3_600_000;
/** How far ahead a new return date may be: a year (the steps' limits are days, not months). */
export const MAX_DAYS_AHEAD = 366;

/** The Asia/Ho_Chi_Minh calendar date (YYYY-MM-DD) of an instant. */
export function localDate(at: Date): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** Day number (days since 1970-01-01) of an instant's Asia/Ho_Chi_Minh date; works for any year. */
const localDay = (ms: number) => Math.floor((ms + VN_OFFSET_MS) / DAY_MS);

/**
 * Reads `YYYY-MM-DD` (the end of office hours that day, like every due date) or an ISO instant
 * with an offset inside that day's office hours, and checks it against `now`, the calendar and
 * the current due date. The day is checked against now and the horizon before the calendar is
 * asked anything, so a date of any year is a 400, never a question the calendar cannot answer.
 */
export function newReturnDate(raw: string, calendar: WorkingDays, now: Date, currentDue: Date): Date {
  const dateOnly = DATE_ONLY.test(raw);
  let day: number;
  if (dateOnly) {
    const midnightUtc = new Date(`${raw}T00:00:00Z`);
    if (Number.isNaN(midnightUtc.getTime()) || midnightUtc.toISOString().slice(0, 10) !== raw) {
      throw invalid('APOLOGY_RETURN_DATE_INVALID', [`newReturnDate ${raw} is not a calendar date`]);
    }
    day = midnightUtc.getTime() / DAY_MS;
  } else if (INSTANT.test(raw) && !Number.isNaN(Date.parse(raw))) {
    day = localDay(Date.parse(raw));
  } else {
    throw invalid('APOLOGY_RETURN_DATE_INVALID', ['newReturnDate must be a date YYYY-MM-DD or an ISO 8601 date-time with an offset']);
  }
  const today = localDay(now.getTime());
  if (day < today) throw invalid('APOLOGY_RETURN_DATE_IN_PAST', [`newReturnDate ${raw} is not in the future`]);
  const date = new Date(day * DAY_MS).toISOString().slice(0, 10);
  if (day > today + MAX_DAYS_AHEAD || !calendar.covers(date)) {
    throw invalid('APOLOGY_RETURN_DATE_TOO_FAR', [`newReturnDate ${raw} must be at most ${MAX_DAYS_AHEAD} days after today`]);
  }
  if (!calendar.isWorkingDay(date)) {
    throw invalid('APOLOGY_RETURN_DATE_NOT_WORKING_DAY', [`newReturnDate ${date} is not a working day`]);
  }
  // Results are returned during office hours (DOMAIN.md): an instant outside them is refused,
  // not moved, so the letter never states a time the applicant did not ask for.
  if (!dateOnly && !calendar.withinOfficeHours(new Date(raw))) {
    throw invalid('APOLOGY_RETURN_DATE_OUTSIDE_OFFICE_HOURS', [
      `newReturnDate ${raw} is outside office hours in Vietnam time; give a time within them, or the date YYYY-MM-DD for the end of office hours that day`,
    ]);
  }
  // On a working day, "0 working days from midnight" is that day's closing time.
  const at = dateOnly ? calendar.addWorkingDays(new Date(`${raw}T00:00:00+07:00`), 0) : new Date(raw);
  if (at <= now) throw invalid('APOLOGY_RETURN_DATE_IN_PAST', [`newReturnDate ${raw} is not in the future`]);
  if (at <= currentDue) {
    throw invalid('APOLOGY_RETURN_DATE_NOT_LATER', [`newReturnDate ${raw} must be after the current due date ${currentDue.toISOString()}`]);
  }
  return at;
}
