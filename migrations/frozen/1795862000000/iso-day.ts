// Pure: calendar dates as whole day numbers (days since 1970-01-01), computed in UTC so
// the host time zone never leaks in; an instant's date is its date in Asia/Ho_Chi_Minh, a fixed
// +07:00 (no DST since 1975).

export const DAY_MS = 86_400_000;
export const VN_OFFSET_MS = 7 * 3_600_000;

/** Day number of an instant's Asia/Ho_Chi_Minh date (any year). */
export const localDay = (ms: number): number => Math.floor((ms + VN_OFFSET_MS) / DAY_MS);

/** The Asia/Ho_Chi_Minh date (YYYY-MM-DD) of an instant. */
export const localDate = (at: Date): string => isoDate(localDay(at.getTime()));

/** 00:00 in Asia/Ho_Chi_Minh of a YYYY-MM-DD date. */
export const startOfLocalDay = (date: string): Date => new Date(`${date}T00:00:00+07:00`);
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeapYear = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);

/**
 * Day number of a YYYY-MM-DD date (proleptic Gregorian, as Date counts); throws on anything that
 * is not a real calendar date (2025-02-30). Integer arithmetic (H. Hinnant's days_from_civil), no
 * Date: it runs for every worker's dates at intake.
 */
export function dayNumber(iso: string): number {
  const match = ISO_DATE.exec(iso);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${iso}`);
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1 || d > (m === 2 && isLeapYear(y) ? 29 : DAYS_IN_MONTH[m - 1])) throw new RangeError(`Not a calendar date: ${iso}`);
  const year = m <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468;
}

export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

export function isWeekend(day: number): boolean {
  const weekday = new Date(day * DAY_MS).getUTCDay();
  return weekday === 0 || weekday === 6;
}
