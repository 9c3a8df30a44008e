import { ANNOUNCED, officialDaysOff, ruleDaysOff } from './holidays';
import { WorkingCalendar } from './working-calendar';

const dates = (year: number) => new WorkingCalendar().holidaysOf(year).map((h) => h.date);

describe('days off', () => {
  it('2020 matches the official list (Labour Code 2012: 2 Sep only)', () => {
    expect(dates(2020)).toEqual([
      '2020-01-01',
      '2020-01-23', '2020-01-24', '2020-01-27', '2020-01-28', '2020-01-29',
      '2020-04-02', '2020-04-30', '2020-05-01',
      '2020-09-02',
    ]);
  });

  it('2021 matches the official list (3 May for 1 May, a Saturday)', () => {
    expect(dates(2021)).toEqual([
      '2021-01-01',
      '2021-02-10', '2021-02-11', '2021-02-12', '2021-02-15', '2021-02-16',
      '2021-04-21', '2021-04-30', '2021-05-03',
      '2021-09-02', '2021-09-03',
    ]);
  });

  it('2025 matches the official list (2 May swapped for Saturday 26 Apr)', () => {
    expect(dates(2025)).toEqual([
      '2025-01-01',
      '2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31',
      '2025-04-07', '2025-04-30', '2025-05-01', '2025-05-02',
      '2025-09-01', '2025-09-02',
    ]);
    const calendar = new WorkingCalendar();
    expect(calendar.isWorkingDay('2025-04-26')).toBe(true);
    expect(calendar.isWorkingDay('2025-05-03')).toBe(false);
  });

  it('names the days', () => {
    expect(new WorkingCalendar().holidaysOf(2021)).toContainEqual({ date: '2021-05-03', name: 'Ngày Quốc tế Lao động (nghỉ bù)' });
    expect(new WorkingCalendar().holidaysOf(2024)).toContainEqual({ date: '2024-02-12', name: 'Tết Nguyên đán' });
  });

  it.each(Object.keys(ANNOUNCED).map(Number))('the rule gives the announced days of %i, swaps aside', (year) => {
    const announced = ANNOUNCED[year]!.daysOff.filter((h) => !h.name.includes('hoán đổi')).map((h) => h.date);
    expect(ruleDaysOff(year).map((h) => h.date)).toEqual(announced);
  });

  it('announced years carry their worked Saturdays', () => {
    expect(officialDaysOff(2024).workedDays).toEqual(['2024-05-04']);
    expect(officialDaysOff(2026).workedDays).toEqual(['2026-01-10', '2026-08-22']);
    expect(officialDaysOff(2027).workedDays).toEqual([]);
  });

  it('compensates weekend holidays on the next free weekday (2023: Sat 29 Apr, Sun 30 Apr, Mon 1 May)', () => {
    expect(ruleDaysOff(2023).filter((h) => h.date.startsWith('2023-05'))).toEqual([
      { date: '2023-05-01', name: 'Ngày Quốc tế Lao động' },
      { date: '2023-05-02', name: 'Giỗ Tổ Hùng Vương (nghỉ bù)' },
      { date: '2023-05-03', name: 'Ngày Chiến thắng (nghỉ bù)' },
    ]);
  });

  it.each([
    [2027, ['2027-09-02', '2027-09-03']], // Thursday: 3 Sep joins the weekend
    [2028, ['2028-09-01', '2028-09-04']], // Saturday: 1 Sep, plus Monday for the Saturday
    [2029, ['2029-09-03', '2029-09-04']], // Sunday: 3 Sep, plus Tuesday for the Sunday
    [2030, ['2030-09-02', '2030-09-03']], // Monday
    [2031, ['2031-09-01', '2031-09-02']], // Tuesday: 1 Sep joins the weekend
  ])('picks the National Day pair that makes the longer break in %i', (year, expected) => {
    expect(ruleDaysOff(year).filter((h) => h.date.includes('-09-')).map((h) => h.date)).toEqual(expected);
  });

  it('places Tết on weekdays around the lunar new year (2027: Sat 6 Feb → Thu 4 – Wed 10 Feb)', () => {
    expect(ruleDaysOff(2027).filter((h) => h.name === 'Tết Nguyên đán').map((h) => h.date))
      .toEqual(['2027-02-04', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10']);
  });

  it('follows the older Codes before 2014 (Tết 4 days) and 2007 (no Hùng Kings day)', () => {
    expect(ruleDaysOff(2012).filter((h) => h.name === 'Tết Nguyên đán')).toHaveLength(4);
    expect(ruleDaysOff(2006).some((h) => h.name.startsWith('Giỗ Tổ'))).toBe(false);
    expect(ruleDaysOff(2007).some((h) => h.name.startsWith('Giỗ Tổ'))).toBe(true);
  });

  it('refuses years it cannot compute', () => {
    expect(() => ruleDaysOff(1999)).toThrow(RangeError);
    expect(() => new WorkingCalendar().isWorkingDay('2101-06-01')).toThrow(RangeError);
  });
});
