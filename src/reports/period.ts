// The period of a report: `from` and `to` as local dates (to inclusive) or ISO instants.
import { invalid } from '../common/domain-error';
import { CALENDAR_YEARS } from '../deadlines/calendar';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 86_400_000;
const VN_OFFSET_MS = 7 * 3_600_000;

export interface Period {
  /** Inclusive; null = from the beginning. */
  from: Date | null;
  /** Exclusive; null = until now. */
  to: Date | null;
}

function bound(name: string, raw: string | undefined, end: boolean): Date | null {
  if (raw === undefined || raw === '') return null;
  if (DATE_ONLY.test(raw)) {
    const start = new Date(`${raw}T00:00:00+07:00`);
    if (Number.isNaN(start.getTime()) || new Date(`${raw}T00:00:00Z`).toISOString().slice(0, 10) !== raw) {
      throw invalid('REPORT_PERIOD_INVALID', [`${name} ${raw} is not a calendar date`]);
    }
    inCalendarYears(name, raw, start);
    // A date `to` includes the whole of that day in Vietnam.
    return end ? new Date(start.getTime() + DAY_MS) : start;
  }
  if (INSTANT.test(raw) && !Number.isNaN(Date.parse(raw))) return inCalendarYears(name, raw, new Date(raw));
  throw invalid('REPORT_PERIOD_INVALID', [`${name} must be a date YYYY-MM-DD or an ISO 8601 date-time with an offset`]);
}

/** Bounds stay in the years the service's calendar knows, so the answer echoes them as plain ISO 8601. */
function inCalendarYears(name: string, raw: string, at: Date): Date {
  const year = new Date(at.getTime() + VN_OFFSET_MS).getUTCFullYear();
  if (year < CALENDAR_YEARS.first || year > CALENDAR_YEARS.last) {
    throw invalid('REPORT_PERIOD_INVALID', [`${name} ${raw} must fall within ${CALENDAR_YEARS.first}–${CALENDAR_YEARS.last} (Vietnam time)`]);
  }
  return at;
}

export function reportPeriod(from?: string, to?: string): Period {
  const period = { from: bound('from', from, false), to: bound('to', to, true) };
  if (period.from && period.to && period.from >= period.to) throw invalid('REPORT_PERIOD_INVALID', ['from must be before to']);
  return period;
}
