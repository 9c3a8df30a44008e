// Pure: the period of a report: `from` and `to` as local dates (to inclusive) or ISO instants.
import { invalid } from '../common/domain-error';
import { isDateOnly, isInstant } from '../common/validators';
import { CALENDAR_YEARS, inCalendarYears, startOfLocalDay } from '../calendar/core';
import { DAY_MS, isoDate, localDay, VN_OFFSET_MS } from '../calendar/core/iso-day';

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

/**
 * How a report reads the finished dossiers and ended steps of [from, to): the whole Vietnam days
 * in it from the day counters (days.from inclusive, null = since the first; days.to exclusive),
 * the partial days at its ends (`edges`, instant ranges) from the rows themselves, which are a
 * day's activity at most.
 */
export interface CountedDays {
  days: { from: string | null; to: string } | null;
  edges: [Date, Date][];
}

export function countedDays(from: Date | null, to: Date): CountedDays {
  const startOf = (day: number) => new Date(day * DAY_MS - VN_OFFSET_MS);
  const last = localDay(to.getTime());
  const first = from === null ? null : Math.ceil((from.getTime() + VN_OFFSET_MS) / DAY_MS);
  if (from !== null && from >= to) return { days: null, edges: [] };
  if (from !== null && first! >= last) return { days: null, edges: [[from, to]] };
  const edges: [Date, Date][] = [];
  if (from !== null && from < startOf(first!)) edges.push([from, startOf(first!)]);
  if (startOf(last) < to) edges.push([startOf(last), to]);
  return { days: { from: first === null ? null : isoDate(first), to: isoDate(last) }, edges };
}
