// Pure: Vietnamese lunisolar calendar after Hồ Ngọc Đức's public algorithm ("Âm lịch Việt Nam"),
// restricted to the Gregorian era. Months start on the local day of the new moon and solar
// terms are reckoned at UTC+7: Vietnam's official time zone, where Chinese libraries use
// UTC+8 and so get some months (Tết 2007 among them) a day off.
import { DAY_MS, isoDate } from './iso-day';

const TIME_ZONE = 7;
const UNIX_EPOCH_JD = 2440588; // Julian day number of 1970-01-01
const SYNODIC_MONTH = 29.530588853;
const NEW_MOON_1900 = 2415021.076998695; // Julian date of the new moon of 1900-01-01
const RAD = Math.PI / 180;
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

/** Julian date (UT) of the k-th new moon after 1900-01-01 (Meeus, simplified). */
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  let jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * RAD);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3; // sun's mean anomaly
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3; // moon's mean anomaly
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3; // moon's argument of latitude
  let c = (0.1734 - 0.000393 * T) * Math.sin(M * RAD) + 0.0021 * Math.sin(2 * RAD * M);
  c += -0.4068 * Math.sin(Mpr * RAD) + 0.0161 * Math.sin(RAD * 2 * Mpr) - 0.0004 * Math.sin(RAD * 3 * Mpr);
  c += 0.0104 * Math.sin(RAD * 2 * F) - 0.0051 * Math.sin(RAD * (M + Mpr));
  c += -0.0074 * Math.sin(RAD * (M - Mpr)) + 0.0004 * Math.sin(RAD * (2 * F + M));
  c += -0.0004 * Math.sin(RAD * (2 * F - M)) - 0.0006 * Math.sin(RAD * (2 * F + Mpr));
  c += 0.001 * Math.sin(RAD * (2 * F - Mpr)) + 0.0005 * Math.sin(RAD * (2 * Mpr + M));
  const deltaT = T < -11
    ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
    : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd + c - deltaT;
}

/** Sun's apparent longitude in radians, [0, 2π), at Julian date jd. */
function sunLongitude(jd: number): number {
  const T = (jd - 2451545.0) / 36525;
  const T2 = T * T;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let dl = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(RAD * M);
  dl += (0.019993 - 0.000101 * T) * Math.sin(RAD * 2 * M) + 0.00029 * Math.sin(RAD * 3 * M);
  const l = (L0 + dl) * RAD;
  return l - 2 * Math.PI * Math.floor(l / (2 * Math.PI));
}

/** Julian day number of the local (UTC+7) day of the k-th new moon. */
function newMoonDay(k: number): number {
  return Math.floor(newMoon(k) + 0.5 + TIME_ZONE / 24);
}

/** Which 30° sector (0–11) the sun is in at the start of local day jdn. */
function sunSector(jdn: number): number {
  return Math.floor((sunLongitude(jdn - 0.5 - TIME_ZONE / 24) / Math.PI) * 6);
}

/** First day of the 11th lunar month, the one holding the winter solstice of Gregorian year `year`. */
function month11(year: number): number {
  const dec31 = Date.UTC(year, 11, 31) / DAY_MS + UNIX_EPOCH_JD;
  const k = Math.floor((dec31 - 2415021) / SYNODIC_MONTH);
  const start = newMoonDay(k);
  return sunSector(start) >= 9 ? newMoonDay(k - 1) : start;
}

/** In a 13-month year starting at a11: offset of the leap month, the first with no major solar term. */
function leapMonthOffset(a11: number): number {
  const k = Math.floor((a11 - NEW_MOON_1900) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let arc = sunSector(newMoonDay(k + i));
  let last: number;
  do {
    last = arc;
    i += 1;
    arc = sunSector(newMoonDay(k + i));
  } while (arc !== last && i < 14);
  return i - 1;
}

/** Gregorian date (YYYY-MM-DD) of a Vietnamese lunar date; `leap` for a day of the leap month. */
export function lunarToSolar(lunarDay: number, lunarMonth: number, lunarYear: number, leap = false): string {
  if (!Number.isInteger(lunarYear) || lunarYear < MIN_YEAR || lunarYear > MAX_YEAR) {
    throw new RangeError(`Lunar year ${lunarYear} is outside ${MIN_YEAR}–${MAX_YEAR}`);
  }
  if (!Number.isInteger(lunarMonth) || lunarMonth < 1 || lunarMonth > 12 || !Number.isInteger(lunarDay) || lunarDay < 1 || lunarDay > 30) {
    throw new RangeError(`Not a lunar date: ${lunarDay}/${lunarMonth}/${lunarYear}`);
  }
  // Months 11 and 12 belong to the lunar year that began after the previous winter solstice.
  const a11 = lunarMonth < 11 ? month11(lunarYear - 1) : month11(lunarYear);
  const b11 = lunarMonth < 11 ? month11(lunarYear) : month11(lunarYear + 1);
  let offset = (lunarMonth - 11 + 12) % 12;
  if (b11 - a11 > 365) {
    const leapOffset = leapMonthOffset(a11);
    const leapMonth = (leapOffset - 2 + 12) % 12;
    if (leap && lunarMonth !== leapMonth) throw new RangeError(`Lunar year ${lunarYear} has no leap month ${lunarMonth}`);
    if (leap || offset >= leapOffset) offset += 1;
  } else if (leap) {
    throw new RangeError(`Lunar year ${lunarYear} has no leap month`);
  }
  const k = Math.floor(0.5 + (a11 - NEW_MOON_1900) / SYNODIC_MONTH);
  const monthStart = newMoonDay(k + offset);
  if (lunarDay > newMoonDay(k + offset + 1) - monthStart) {
    throw new RangeError(`Lunar month ${lunarMonth}/${lunarYear} has only 29 days`);
  }
  return isoDate(monthStart + lunarDay - 1 - UNIX_EPOCH_JD);
}

/** Tết: the 1st day of the 1st lunar month, which always falls in Gregorian `year`. */
export function lunarNewYear(year: number): string {
  return lunarToSolar(1, 1, year);
}
