// Pure: days off for state agencies: the rule of the Labour Code, and the days the government
// actually announced (which also move working days around, so they win when known).
import { dayNumber, isoDate, isWeekend } from './iso-day';
import { lunarNewYear, lunarToSolar, MAX_YEAR, MIN_YEAR } from './lunar';

export interface Holiday {
  readonly date: string; // YYYY-MM-DD, Asia/Ho_Chi_Minh
  readonly name: string;
}

/** A year's weekday days off, and the weekend days worked in exchange for some of them. */
export interface YearDaysOff {
  readonly daysOff: readonly Holiday[];
  readonly workedDays: readonly string[];
}

const NEW_YEAR = 'Tết Dương lịch';
const TET = 'Tết Nguyên đán';
const HUNG_KINGS = 'Giỗ Tổ Hùng Vương';
const VICTORY = 'Ngày Chiến thắng';
const LABOUR = 'Ngày Quốc tế Lao động';
const NATIONAL = 'Quốc khánh';
const MAKE_UP = ' (nghỉ bù)';
const SWAP = ' (hoán đổi ngày làm việc)';

type Row = readonly [date: string, name: string];
const year = (rows: readonly Row[], workedDays: readonly string[] = []): YearDaysOff => ({
  daysOff: rows.map(([date, name]) => ({ date, name })),
  workedDays,
});

/**
 * Weekday days off announced for civil servants (Prime Minister via the Government Office, then
 * the Ministry of Labour, from 2025 the Ministry of Home Affairs). Sources are press reports of
 * the documents named; a row marked "rule" was not found announced and follows the rule.
 */
export const ANNOUNCED: Readonly<Record<number, YearDaysOff>> = {
  2020: year([ // docs/domain.md; Tết 23–29 Jan (29 Chạp – mùng 5)
    ['2020-01-01', NEW_YEAR],
    ['2020-01-23', TET], ['2020-01-24', TET], ['2020-01-27', TET], ['2020-01-28', TET], ['2020-01-29', TET],
    ['2020-04-02', HUNG_KINGS], ['2020-04-30', VICTORY], ['2020-05-01', LABOUR],
    ['2020-09-02', NATIONAL],
  ]),
  2021: year([ // docs/domain.md
    ['2021-01-01', NEW_YEAR],
    ['2021-02-10', TET], ['2021-02-11', TET], ['2021-02-12', TET], ['2021-02-15', TET], ['2021-02-16', TET],
    ['2021-04-21', HUNG_KINGS], ['2021-04-30', VICTORY], ['2021-05-03', LABOUR + MAKE_UP],
    ['2021-09-02', NATIONAL], ['2021-09-03', NATIONAL],
  ]),
  2022: year([ // Tết and 1–2 Sep: 245/VPCP-KGVX (11 Jan 2022); April/May: Vietnamplus 5 Apr 2022
    ['2022-01-03', NEW_YEAR + MAKE_UP], // rule: 1 Jan was a Saturday; no announcement found
    ['2022-01-31', TET], ['2022-02-01', TET], ['2022-02-02', TET], ['2022-02-03', TET], ['2022-02-04', TET],
    ['2022-04-11', HUNG_KINGS + MAKE_UP], ['2022-05-02', VICTORY + MAKE_UP], ['2022-05-03', LABOUR + MAKE_UP],
    ['2022-09-01', NATIONAL], ['2022-09-02', NATIONAL],
  ]),
  2023: year([ // Tết 20–26 Jan and 1–4 Sep: 8056/VPCP-KGVX (1 Dec 2022); 29 Apr – 3 May: press, Mar 2023
    ['2023-01-02', NEW_YEAR + MAKE_UP],
    ['2023-01-20', TET], ['2023-01-23', TET], ['2023-01-24', TET], ['2023-01-25', TET], ['2023-01-26', TET],
    ['2023-05-01', LABOUR], ['2023-05-02', HUNG_KINGS + MAKE_UP], ['2023-05-03', VICTORY + MAKE_UP],
    ['2023-09-01', NATIONAL], ['2023-09-04', NATIONAL + MAKE_UP],
  ]),
  2024: year([ // Tết 8–14 Feb and 31 Aug – 3 Sep: Ministry of Labour notice; swap: 2450/VPCP-KGVX (12 Apr 2024)
    ['2024-01-01', NEW_YEAR], // rule: a Monday, nothing to move
    ['2024-02-08', TET], ['2024-02-09', TET], ['2024-02-12', TET], ['2024-02-13', TET], ['2024-02-14', TET],
    ['2024-04-18', HUNG_KINGS], // rule: a Thursday, no swap found
    ['2024-04-29', VICTORY + SWAP], ['2024-04-30', VICTORY], ['2024-05-01', LABOUR],
    ['2024-09-02', NATIONAL], ['2024-09-03', NATIONAL],
  ], ['2024-05-04']),
  2025: year([ // docs/domain.md and the announced days off
    ['2025-01-01', NEW_YEAR],
    ['2025-01-27', TET], ['2025-01-28', TET], ['2025-01-29', TET], ['2025-01-30', TET], ['2025-01-31', TET],
    ['2025-04-07', HUNG_KINGS], ['2025-04-30', VICTORY], ['2025-05-01', LABOUR], ['2025-05-02', LABOUR + SWAP],
    ['2025-09-01', NATIONAL], ['2025-09-02', NATIONAL],
  ], ['2025-04-26']),
  2026: year([ // 1–2 Jan: 12729/VPCP-KGVX (25 Dec 2025); Tết 16–20 Feb and 31 Aug – 2 Sep: PM, 13 Oct 2025
    ['2026-01-01', NEW_YEAR], ['2026-01-02', NEW_YEAR + SWAP],
    ['2026-02-16', TET], ['2026-02-17', TET], ['2026-02-18', TET], ['2026-02-19', TET], ['2026-02-20', TET],
    ['2026-04-27', HUNG_KINGS + MAKE_UP], // 26 Apr is a Sunday (Thanh Niên, 23 Feb 2026)
    ['2026-04-30', VICTORY], ['2026-05-01', LABOUR], // Thursday and Friday: rule, no swap announced
    ['2026-08-31', NATIONAL + SWAP], ['2026-09-01', NATIONAL], ['2026-09-02', NATIONAL],
  ], ['2026-01-10', '2026-08-22']),
};

const byDate = (a: Holiday, b: Holiday) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

/** Weekday days off: the holidays themselves, plus the next free weekday for each one on a weekend. */
function withMakeUpDays(holidays: readonly Holiday[]): Holiday[] {
  const off = new Map<number, Holiday>();
  for (const h of holidays) if (!isWeekend(dayNumber(h.date))) off.set(dayNumber(h.date), h);
  for (const h of [...holidays].sort(byDate)) {
    let day = dayNumber(h.date);
    if (!isWeekend(day)) continue;
    while (isWeekend(day) || off.has(day)) day += 1;
    off.set(day, { date: isoDate(day), name: h.name + MAKE_UP });
  }
  return [...off.values()].sort(byDate);
}

/**
 * The PM fixes Tết on weekdays only: the five (four before the 2012 Code took effect) weekdays
 * from the first weekday on or after two days before the new year. This matches every
 * announcement 2020–2026 (Tết on a Tuesday: Mon–Fri; on a Saturday: Thu–Wed; and so on).
 */
function tet(y: number): Holiday[] {
  const days: Holiday[] = [];
  for (let day = dayNumber(lunarNewYear(y)) - 2; days.length < (y >= 2014 ? 5 : 4); day += 1) {
    if (!isWeekend(day)) days.push({ date: isoDate(day), name: TET });
  }
  return days;
}

/**
 * 2 Sep, plus from 2021 the adjacent day the PM picks: the one giving the longer break with the
 * weekend, then the one that is a weekday (no make-up day needed), then 1 Sep (as in 2026).
 */
function nationalDay(y: number): Holiday[] {
  const second = { date: `${y}-09-02`, name: NATIONAL };
  if (y <= 2020) return [second]; // Labour Code 2012: one day
  const withDay = (date: string): Holiday[] => [second, { date, name: NATIONAL }];
  const score = (date: string) =>
    breakLength(withMakeUpDays(withDay(date)), dayNumber(second.date)) * 2 + (isWeekend(dayNumber(date)) ? 0 : 1);
  const before = `${y}-09-01`;
  const after = `${y}-09-03`;
  return withDay(score(after) > score(before) ? after : before);
}

/** Length of the run of days off (weekends included) around `day`. */
function breakLength(daysOff: readonly Holiday[], day: number): number {
  const off = new Set(daysOff.map((h) => dayNumber(h.date)));
  const isOff = (d: number) => isWeekend(d) || off.has(d);
  let first = day;
  let last = day;
  while (isOff(first - 1)) first -= 1;
  while (isOff(last + 1)) last += 1;
  return last - first + 1;
}

/** Weekday days off of year `y` by the Labour Code in force that year (2019 from 2021), sorted. */
export function ruleDaysOff(y: number): Holiday[] {
  if (!Number.isInteger(y) || y < MIN_YEAR || y > MAX_YEAR) {
    throw new RangeError(`Holidays are known for ${MIN_YEAR}–${MAX_YEAR}, not ${y}`);
  }
  const holidays: Holiday[] = [
    { date: `${y}-01-01`, name: NEW_YEAR },
    ...tet(y),
    { date: `${y}-04-30`, name: VICTORY },
    { date: `${y}-05-01`, name: LABOUR },
    ...nationalDay(y),
  ];
  if (y >= 2007) holidays.push({ date: lunarToSolar(10, 3, y), name: HUNG_KINGS }); // paid holiday since 2007
  return withMakeUpDays(holidays);
}

const cache = new Map<number, YearDaysOff>();

/** The announced days of year `y` when the table has them, otherwise the rule. */
export function officialDaysOff(y: number): YearDaysOff {
  let result = ANNOUNCED[y] ?? cache.get(y);
  if (!result) {
    result = { daysOff: ruleDaysOff(y), workedDays: [] };
    cache.set(y, result);
  }
  return result;
}
