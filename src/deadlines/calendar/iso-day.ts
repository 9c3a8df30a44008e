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

/** Day number of a YYYY-MM-DD date; throws on anything that is not a real calendar date. */
export function dayNumber(iso: string): number {
  const match = ISO_DATE.exec(iso);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${iso}`);
  // Not Date.UTC: it reads years 0–99 as 1900–1999.
  const day = new Date(0).setUTCFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
  if (isoDate(day) !== iso) throw new RangeError(`Not a calendar date: ${iso}`); // e.g. 2025-02-30
  return day;
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
