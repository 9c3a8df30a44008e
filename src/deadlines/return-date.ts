// The new return date of an apology letter: a working day, in the future, after the current due date.
import { invalid } from '../common/domain-error';

/** The part of WorkingCalendar this needs. */
export interface WorkingDays {
  isWorkingDay(date: string): boolean;
  addWorkingDays(from: Date, n: number): Date;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const VN_OFFSET_MS = 7 * 3_600_000;

/** The Asia/Ho_Chi_Minh calendar date (YYYY-MM-DD) of an instant. */
export function localDate(at: Date): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * Reads `YYYY-MM-DD` (the end of office hours that day, like every due date) or an ISO instant
 * with an offset, and checks it against the calendar, `now` and the current due date.
 */
export function newReturnDate(raw: string, calendar: WorkingDays, now: Date, currentDue: Date): Date {
  let date: string;
  if (DATE_ONLY.test(raw)) {
    date = raw;
    if (Number.isNaN(Date.parse(`${raw}T00:00:00Z`)) || new Date(`${raw}T00:00:00Z`).toISOString().slice(0, 10) !== raw) {
      throw invalid('APOLOGY_RETURN_DATE_INVALID', [`newReturnDate ${raw} is not a calendar date`]);
    }
  } else if (INSTANT.test(raw) && !Number.isNaN(Date.parse(raw))) {
    date = localDate(new Date(raw));
  } else {
    throw invalid('APOLOGY_RETURN_DATE_INVALID', ['newReturnDate must be a date YYYY-MM-DD or an ISO 8601 date-time with an offset']);
  }
  if (!calendar.isWorkingDay(date)) {
    throw invalid('APOLOGY_RETURN_DATE_NOT_WORKING_DAY', [`newReturnDate ${date} is not a working day`]);
  }
  // On a working day, "0 working days from midnight" is that day's closing time.
  const at = DATE_ONLY.test(raw) ? calendar.addWorkingDays(new Date(`${raw}T00:00:00+07:00`), 0) : new Date(raw);
  if (at <= now) throw invalid('APOLOGY_RETURN_DATE_IN_PAST', [`newReturnDate ${raw} is not in the future`]);
  if (at <= currentDue) {
    throw invalid('APOLOGY_RETURN_DATE_NOT_LATER', [`newReturnDate ${raw} must be after the current due date ${currentDue.toISOString()}`]);
  }
  return at;
}
