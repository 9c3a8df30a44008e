// Pure: `deadlines check --now`: the instant a pass runs at, as an administrator types it.
import { invalid } from '../common/domain-error';
import { isDateOnly, isInstant } from '../common/validators';
import { CALENDAR_YEARS, inCalendarYears, startOfLocalDay } from '../calendar/core';

/**
 * `YYYY-MM-DD` is the start of that day in Asia/Ho_Chi_Minh; otherwise an ISO 8601 date-time
 * with an offset. The instant must fall in the years the working calendar covers.
 */
export function checkNow(raw: string): Date {
  let at: Date;
  if (isDateOnly(raw)) at = startOfLocalDay(raw);
  else if (isInstant(raw)) at = new Date(raw);
  else {
    throw invalid('DEADLINES_NOW_INVALID', [
      `--now must be a date YYYY-MM-DD (the start of that day in Vietnam) or an ISO 8601 date-time with an offset, e.g. 2020-05-15T16:00:00+07:00; got "${raw}"`,
    ]);
  }
  if (!inCalendarYears(at)) {
    throw invalid('DEADLINES_NOW_OUT_OF_RANGE', [
      `--now ${raw} is outside the years the working calendar covers (${CALENDAR_YEARS.first}–${CALENDAR_YEARS.last})`,
    ]);
  }
  return at;
}

/** How far `--now` may be from the clock and still be the present (a pass that writes without --write). */
export const PRESENT_TOLERANCE_MS = 60_000;

/** Whether `at` is the present: within PRESENT_TOLERANCE_MS of `clock`, either side. */
export function isPresent(at: Date, clock: Date): boolean {
  return Math.abs(at.getTime() - clock.getTime()) <= PRESENT_TOLERANCE_MS;
}
