import { lunarNewYear, lunarToSolar } from './lunar';

describe('Vietnamese lunar calendar (UTC+7)', () => {
  it.each([
    [2020, '2020-01-25'], [2021, '2021-02-12'], [2022, '2022-02-01'], [2023, '2023-01-22'],
    [2024, '2024-02-10'], [2025, '2025-01-29'], [2026, '2026-02-17'],
  ])('Tết %i is %s', (year, date) => {
    expect(lunarNewYear(year)).toBe(date);
  });

  it('puts Tết 2007 on 17 Feb, a day before the Chinese (UTC+8) new year', () => {
    expect(lunarNewYear(2007)).toBe('2007-02-17');
  });

  it.each([
    [2020, '2020-04-02'], [2021, '2021-04-21'], [2022, '2022-04-10'], [2023, '2023-04-29'],
    [2024, '2024-04-18'], [2025, '2025-04-07'], [2026, '2026-04-26'],
  ])("Hùng Kings' day (10/3) %i is %s", (year, date) => {
    expect(lunarToSolar(10, 3, year)).toBe(date);
  });

  it('handles leap months: 2023 has a leap 2nd month, 2020 a leap 4th', () => {
    expect(lunarToSolar(1, 2, 2023)).toBe('2023-02-20');
    expect(lunarToSolar(1, 2, 2023, true)).toBe('2023-03-22');
    expect(lunarToSolar(1, 4, 2020, true)).toBe('2020-05-23');
    expect(() => lunarToSolar(1, 5, 2023, true)).toThrow(RangeError);
    expect(() => lunarToSolar(1, 2, 2024, true)).toThrow(RangeError);
  });

  it('knows the last day of the year (30 or 29 tháng Chạp) and rejects a 30th that does not exist', () => {
    expect(lunarToSolar(30, 12, 2022)).toBe('2023-01-21');
    expect(lunarToSolar(29, 12, 2024)).toBe('2025-01-28');
    expect(() => lunarToSolar(30, 12, 2024)).toThrow(RangeError);
    expect(lunarToSolar(29, 12, 2025)).toBe('2026-02-16');
  });

  it('refuses years outside 2000–2100 and malformed dates', () => {
    expect(() => lunarNewYear(1999)).toThrow(RangeError);
    expect(() => lunarNewYear(2101)).toThrow(RangeError);
    expect(lunarNewYear(2100)).toMatch(/^2100-0[12]-\d\d$/);
    expect(() => lunarToSolar(0, 1, 2024)).toThrow(RangeError);
    expect(() => lunarToSolar(1, 13, 2024)).toThrow(RangeError);
  });
});
