// Pure: the period of a report: `from` and `to` as local dates (to inclusive) or ISO instants.
import { invalid } from '../common/domain-error';
import { isDateOnly, isInstant } from '../common/validators';
import { CALENDAR_YEARS, inCalendarYears, startOfLocalDay } from '../calendar/core';

const DAY_MS = 86_400_000;

export interface Period {
  /** Inclusive; null = from the beginning. */
  from: Date | null;
  /** Exclusive; null = until now. */
  to: Date | null;
}

function bound(name: string, raw: string | undefined, end: boolean): Date | null {
  if (raw === undefined || raw === '') return null;
  let at: Date;
  if (isDateOnly(raw)) at = startOfLocalDay(raw);
  else if (isInstant(raw)) at = new Date(raw);
  else throw invalid('REPORT_PERIOD_INVALID', [`${name} ${raw} must be a calendar date YYYY-MM-DD or an ISO 8601 date-time with an offset`]);
  // Bounds stay in the years the calendar knows, so the answer echoes them as plain ISO 8601.
  if (!inCalendarYears(at)) {
    throw invalid('REPORT_PERIOD_INVALID', [`${name} ${raw} must fall within ${CALENDAR_YEARS.first}–${CALENDAR_YEARS.last} (Vietnam time)`]);
  }
  // A date `to` includes the whole of that day in Vietnam.
  return end && isDateOnly(raw) ? new Date(at.getTime() + DAY_MS) : at;
}

export function reportPeriod(from?: string, to?: string): Period {
  const period = { from: bound('from', from, false), to: bound('to', to, true) };
  if (period.from && period.to && period.from >= period.to) throw invalid('REPORT_PERIOD_INVALID', ['from must be before to']);
  return period;
}
