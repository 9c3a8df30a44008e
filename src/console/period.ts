// Pure: the overview's periods (this week, this month, or from–to) as the report's local dates.
import { invalid } from '../common/domain-error';
import { isDateOnly } from '../common/validators';
import { localDate } from '../calendar/core';
import { shortDate, shortDateTime } from './views/words';

export type PeriodKind = 'week' | 'month' | 'custom';

export interface ConsolePeriod {
  kind: PeriodKind;
  /** Local dates, both included, as GET /api/v1/reports/processing takes them. */
  from: string;
  to: string;
  fromLabel: string;
  toLabel: string;
  atLabel: string;
}

const DAY_MS = 86_400_000;
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** The Monday of the week of a local date. */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

function lastDayOfMonth(date: string): string {
  const [y, m] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

export function consolePeriod(q: { period?: string; from?: string; to?: string }, now: Date): ConsolePeriod {
  const today = localDate(now);
  let kind: PeriodKind = q.period === 'month' || q.period === 'custom' ? q.period : 'week';
  if (!q.period && (q.from || q.to)) kind = 'custom';
  let from = mondayOf(today);
  let to = addDays(from, 6);
  if (kind === 'month') {
    from = `${today.slice(0, 8)}01`;
    to = lastDayOfMonth(today);
  } else if (kind === 'custom') {
    from = q.from || from;
    to = q.to || to;
    for (const [name, value] of [['from', from], ['to', to]]) {
      if (!isDateOnly(value)) throw invalid('REPORT_PERIOD_INVALID', [`${name} ${value.slice(0, 40)} must be a date YYYY-MM-DD`]);
    }
  }
  const label = (d: string) => shortDate(new Date(`${d}T12:00:00+07:00`));
  return { kind, from, to, fromLabel: label(from), toLabel: label(to), atLabel: shortDateTime(now) };
}

/** The Mondays of the `n` weeks ending with the week of `to`, oldest first. */
export function weeksEnding(to: string, n = 8): string[] {
  const last = mondayOf(to);
  return Array.from({ length: n }, (_, i) => addDays(last, (i - n + 1) * 7));
}

