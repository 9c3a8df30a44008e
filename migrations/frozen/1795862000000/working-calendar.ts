// Pure: working days and office time of Vietnamese state agencies (Mon–Fri, docs/domain.md "Working days").
// Every instant is placed in Asia/Ho_Chi_Minh with a fixed +07:00 offset (no DST since 1975),
// using UTC arithmetic only, so the host time zone never matters.
import { officialDaysOff, type Holiday } from './holidays';
import { DAY_MS, dayNumber, isoDate, isWeekend, localDate, localDay, VN_OFFSET_MS, yearOf } from './iso-day';
import { MAX_YEAR, MIN_YEAR } from './lunar';

/** The years the calendar knows (those of the lunar tables Tết and Hùng Kings' day come from). */
export const CALENDAR_YEARS = { first: MIN_YEAR, last: MAX_YEAR } as const;

/** Whether the Asia/Ho_Chi_Minh date of `at` falls in CALENDAR_YEARS: check input with it before asking the calendar. */
export function inCalendarYears(at: Date): boolean {
  const year = Number(localDate(at).slice(0, 4));
  return year >= CALENDAR_YEARS.first && year <= CALENDAR_YEARS.last;
}

/** A question about a day outside CALENDAR_YEARS: the caller should have refused its input first. */
export class CalendarRangeError extends RangeError {}

/** Days set by administrators (stored in the database); they override everything else. */
export interface CalendarOverrides {
  readonly holidays?: readonly Holiday[];
  readonly workingDays?: readonly string[];
}

export interface OfficeHours {
  readonly startHour: number;
  readonly endHour: number;
}

export const DEFAULT_OFFICE_HOURS: OfficeHours = { startHour: 8, endHour: 17 };

const HOUR_MS = 3_600_000;

export class WorkingCalendar {
  private readonly extraHolidays = new Map<number, string>();
  private readonly extraWorkingDays = new Set<number>();
  private readonly years = new Map<number, { off: Map<number, string>; worked: Set<number> }>();
  private readonly counts = new Map<number, { first: number; before: Int32Array }>();
  private readonly openMs: number; // office opening, from local midnight
  private readonly closeMs: number;

  constructor(overrides: CalendarOverrides = {}, hours: OfficeHours = DEFAULT_OFFICE_HOURS) {
    const { startHour, endHour } = hours;
    if (!Number.isInteger(startHour) || !Number.isInteger(endHour) || startHour < 0 || endHour > 24 || startHour >= endHour) {
      throw new RangeError(`Bad office hours ${startHour}–${endHour}`);
    }
    this.openMs = startHour * HOUR_MS;
    this.closeMs = endHour * HOUR_MS;
    for (const h of overrides.holidays ?? []) this.extraHolidays.set(dayNumber(h.date), h.name);
    for (const date of overrides.workingDays ?? []) {
      const day = dayNumber(date);
      if (this.extraHolidays.has(day)) throw new RangeError(`${date} is both a holiday and a working day`);
      this.extraWorkingDays.add(day);
    }
  }

  /** Whether a local date (YYYY-MM-DD) is a working day. */
  isWorkingDay(date: string): boolean {
    return this.isWorking(dayNumber(date));
  }

  /** Whether the calendar can answer for a local date (YYYY-MM-DD): its year is in CALENDAR_YEARS. */
  covers(date: string): boolean {
    const year = yearOf(dayNumber(date));
    return year >= CALENDAR_YEARS.first && year <= CALENDAR_YEARS.last;
  }

  /** Whether an instant's local time of day is within office hours, opening and closing times included. */
  withinOfficeHours(at: Date): boolean {
    const ms = instant(at);
    const day = localDay(ms);
    return ms >= this.open(day) && ms <= this.close(day);
  }

  /** The weekday days off of a year, overrides included, sorted by date. */
  holidaysOf(year: number): Holiday[] {
    const result: Holiday[] = [];
    for (let day = dayNumber(`${year}-01-01`); yearOf(day) === year; day += 1) {
      if (isWeekend(day) || this.isWorking(day)) continue;
      const name = this.extraHolidays.get(day) ?? this.yearInfo(year).off.get(day) ?? '';
      result.push({ date: isoDate(day), name });
    }
    return result;
  }

  /**
   * Due instant of "within n working days from receipt": counting starts the working day after
   * receipt (a receipt outside office hours or on a day off counts from the next opening) and
   * ends at closing time of the n-th working day.
   */
  addWorkingDays(receivedAt: Date, n: number): Date {
    assertCount(n);
    const at = instant(receivedAt);
    let day = localDay(at);
    if (!this.isWorking(day) || at >= this.close(day)) day = this.nextWorkingDay(day);
    for (let i = 0; i < n; i += 1) day = this.nextWorkingDay(day);
    return new Date(this.close(day));
  }

  /**
   * Office time (ms) between two instants; negative when `to` is before `from`. The days strictly
   * between the first and the last count whole, from per-year running counts of working days, so
   * a step held since years ago costs a few lookups, not a loop over its days.
   */
  workingMsBetween(from: Date, to: Date): number {
    const a = instant(from);
    const b = instant(to);
    if (b < a) return -this.workingMsBetween(to, from);
    const first = localDay(a);
    const last = localDay(b);
    const within = (day: number) => (this.isWorking(day) ? Math.max(0, Math.min(b, this.close(day)) - Math.max(a, this.open(day))) : 0);
    if (first === last) return within(first);
    return within(first) + this.workingDaysIn(first + 1, last) * (this.closeMs - this.openMs) + within(last);
  }

  /**
   * The earliest instant by which `ms` of office time has passed since `from`: it starts at the
   * next opening when `from` is outside office hours, and ends at closing time, not at the next
   * opening, when the time runs out exactly then. Inverse of workingMsBetween.
   */
  addWorkingMs(from: Date, ms: number): Date {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`Bad duration ${ms}`);
    const start = instant(from);
    let left = ms;
    if (left === 0) return new Date(start);
    for (let day = localDay(start); ; day += 1) {
      if (!this.isWorking(day)) continue;
      const begin = Math.max(start, this.open(day));
      const available = this.close(day) - begin;
      if (available <= 0) continue;
      if (left <= available) return new Date(begin + left);
      left -= available;
    }
  }

  /** The latest instant from which n full working days of office time remain until `due`. */
  subtractWorkingDays(due: Date, n: number): Date {
    assertCount(n);
    const end = instant(due);
    let left = n * (this.closeMs - this.openMs);
    if (left === 0) return new Date(end);
    for (let day = localDay(end); ; day -= 1) {
      if (!this.isWorking(day)) continue;
      const finish = Math.min(end, this.close(day));
      const available = finish - this.open(day);
      if (available <= 0) continue;
      if (left <= available) return new Date(finish - left);
      left -= available;
    }
  }

  /** Working days among the days [from, to). */
  private workingDaysIn(from: number, to: number): number {
    let count = 0;
    for (let day = from; day < to; ) {
      const { first, before } = this.runningCount(yearOf(day));
      const end = Math.min(to, first + before.length - 1);
      count += before[end - first] - before[day - first];
      day = end;
    }
    return count;
  }

  /** A year's first day and, for each i, how many of its first i days are working days. */
  private runningCount(year: number): { first: number; before: Int32Array } {
    let counts = this.counts.get(year);
    if (!counts) {
      const first = dayNumber(`${year}-01-01`);
      const before = new Int32Array(dayNumber(`${year + 1}-01-01`) - first + 1);
      for (let i = 1; i < before.length; i += 1) before[i] = before[i - 1] + (this.isWorking(first + i - 1) ? 1 : 0);
      this.counts.set(year, (counts = { first, before }));
    }
    return counts;
  }

  private isWorking(day: number): boolean {
    if (this.extraWorkingDays.has(day)) return true;
    if (this.extraHolidays.has(day)) return false;
    const { off, worked } = this.yearInfo(yearOf(day));
    return worked.has(day) || (!isWeekend(day) && !off.has(day));
  }

  private yearInfo(year: number) {
    let info = this.years.get(year);
    if (!info) {
      if (year < CALENDAR_YEARS.first || year > CALENDAR_YEARS.last) {
        throw new CalendarRangeError(`the working calendar covers ${CALENDAR_YEARS.first}–${CALENDAR_YEARS.last}, not ${year}`);
      }
      const { daysOff, workedDays } = officialDaysOff(year);
      info = {
        off: new Map(daysOff.map((h) => [dayNumber(h.date), h.name])),
        worked: new Set(workedDays.map(dayNumber)),
      };
      this.years.set(year, info);
    }
    return info;
  }

  private nextWorkingDay(day: number): number {
    let next = day + 1;
    while (!this.isWorking(next)) next += 1;
    return next;
  }

  private open(day: number): number {
    return day * DAY_MS + this.openMs - VN_OFFSET_MS;
  }

  private close(day: number): number {
    return day * DAY_MS + this.closeMs - VN_OFFSET_MS;
  }
}

function instant(date: Date): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
  return ms;
}

function assertCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Bad number of working days ${n}`);
}
