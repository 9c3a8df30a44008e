import fc from 'fast-check';
import { CalendarRangeError, WorkingCalendar } from './working-calendar';

/** An instant given in Vietnam's local time, e.g. at('2024-03-04 10:00'). */
const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
const H = 3_600_000;
const calendar = new WorkingCalendar();

describe('WorkingCalendar.addWorkingDays', () => {
  it.each([
    ['Mon 10:00, the docs/domain.md example', '2024-03-04 10:00', 3, '2024-03-07 17:00'],
    ['Fri 18:00 counts as Mon 08:00', '2024-03-08 18:00', 3, '2024-03-14 17:00'],
    ['Saturday counts as Monday', '2024-03-09 09:00', 3, '2024-03-14 17:00'],
    ['before opening counts from that day', '2024-03-11 07:30', 1, '2024-03-12 17:00'],
    ['17:00 sharp is after hours', '2024-03-11 17:00', 1, '2024-03-13 17:00'],
    ['16:59 is still that day', '2024-03-11 16:59', 1, '2024-03-12 17:00'],
    ['across Tết 2020 (off 23–29 Jan)', '2020-01-22 10:00', 3, '2020-02-03 17:00'],
    ['across Tết 2021 (off 10–16 Feb)', '2021-02-09 15:00', 2, '2021-02-18 17:00'],
    ['received on a holiday (Tết 2021)', '2021-02-12 10:00', 1, '2021-02-18 17:00'],
    ['across 30 Apr – 3 May 2021', '2021-04-29 10:00', 2, '2021-05-05 17:00'],
    ['across the 2024 bridge (29 Apr swapped)', '2024-04-26 10:00', 2, '2024-05-03 17:00'],
    ['onto the worked Saturday 4 May 2024', '2024-04-26 10:00', 3, '2024-05-04 17:00'],
    ['through the worked Saturday 26 Apr 2025', '2025-04-25 10:00', 3, '2025-04-29 17:00'],
    ['across 30 Apr – 2 May 2025', '2025-04-29 10:00', 2, '2025-05-06 17:00'],
    ['n = 0 is the end of the receipt day', '2024-03-04 10:00', 0, '2024-03-04 17:00'],
  ])('%s', (_, received, n, due) => {
    expect(calendar.addWorkingDays(at(received), n)).toEqual(at(due));
  });

  it('does not depend on the host time zone', () => {
    const saved = process.env.TZ;
    const results = ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Ho_Chi_Minh'].map((tz) => {
      process.env.TZ = tz;
      const cal = new WorkingCalendar();
      return [
        cal.addWorkingDays(new Date('2020-01-22T02:30:00Z'), 3).toISOString(), // Wed 09:30 in Vietnam
        cal.addWorkingDays(new Date('2024-03-08T16:30:00Z'), 1).toISOString(), // Fri 23:30 in Vietnam
        cal.isWorkingDay('2024-03-09'),
      ];
    });
    process.env.TZ = saved;
    for (const r of results) expect(r).toEqual(['2020-02-03T10:00:00.000Z', '2024-03-12T10:00:00.000Z', false]);
  });

  it('refuses bad input', () => {
    expect(() => calendar.addWorkingDays(at('2024-03-04 10:00'), -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays(at('2024-03-04 10:00'), 1.5)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays(new Date('nope'), 1)).toThrow(RangeError);
    expect(() => calendar.isWorkingDay('2024-02-30')).toThrow(RangeError);
  });
});

describe('WorkingCalendar office time', () => {
  it.each([
    ['within a day', '2024-03-04 09:00', '2024-03-04 11:30', 2.5 * H],
    ['overnight', '2024-03-04 16:00', '2024-03-05 09:00', 2 * H],
    ['over a weekend', '2024-03-08 16:00', '2024-03-11 09:00', 2 * H],
    ['over Tết 2020', '2020-01-22 16:00', '2020-01-30 09:00', 2 * H],
    ['outside hours only', '2024-03-09 09:00', '2024-03-10 18:00', 0],
    ['a whole week', '2024-03-04 00:00', '2024-03-11 00:00', 45 * H],
  ])('workingMsBetween %s', (_, from, to, ms) => {
    expect(calendar.workingMsBetween(at(from), at(to))).toBe(ms);
    expect(calendar.workingMsBetween(at(to), at(from))).toBe(-ms);
  });

  it.each([
    ['within a day', '2024-03-04 09:00', 2 * H, '2024-03-04 11:00'],
    ['overnight', '2024-03-04 16:00', 2 * H, '2024-03-05 09:00'],
    ['ending exactly at closing time', '2024-03-04 15:00', 2 * H, '2024-03-04 17:00'],
    ['a full day from opening', '2024-03-05 08:00', 9 * H, '2024-03-05 17:00'],
    ['from after hours on Friday', '2024-03-08 18:00', 1 * H, '2024-03-11 09:00'],
    ['from a holiday (Tết 2021)', '2021-02-12 10:00', 30 * 60_000, '2021-02-17 08:30'],
    ['nothing to add', '2024-03-09 12:00', 0, '2024-03-09 12:00'],
  ])('addWorkingMs %s', (_, from, ms, expected) => {
    expect(calendar.addWorkingMs(at(from), ms)).toEqual(at(expected));
  });

  it('addWorkingMs inverts workingMsBetween (every 5 h across Tết 2021, several durations)', () => {
    let checked = 0;
    for (let t = at('2021-02-05 00:00').getTime(); t < at('2021-02-20 00:00').getTime(); t += 5 * H) {
      for (const ms of [1, 30 * 60_000, 8 * H, 9 * H, 9 * H + 1, 27 * H, 50 * H]) {
        const from = new Date(t);
        const to = calendar.addWorkingMs(from, ms);
        expect(calendar.workingMsBetween(from, to)).toBe(ms);
        expect(calendar.workingMsBetween(from, new Date(to.getTime() - 1))).toBe(ms - 1); // earliest such instant
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(400);
  });

  it('workingMsBetween over years equals the sum of each day\'s office time (overrides and other hours included)', () => {
    const cal = new WorkingCalendar({ holidays: [{ date: '2023-06-14', name: 'bão' }], workingDays: ['2022-01-08'] }, { startHour: 7, endHour: 16 });
    const dayByDay = (a: number, b: number) => {
      let total = 0;
      for (let day = Math.floor((a + 7 * H) / (24 * H)); day * 24 * H - 7 * H <= b; day += 1) {
        const date = new Date(day * 24 * H).toISOString().slice(0, 10);
        const open = day * 24 * H + 7 * H - 7 * H;
        if (cal.isWorkingDay(date)) total += Math.max(0, Math.min(b, open + 9 * H) - Math.max(a, open));
      }
      return total;
    };
    fc.assert(
      fc.property(fc.integer({ min: at('2020-01-01 00:00').getTime(), max: at('2026-12-31 00:00').getTime() }), fc.integer({ min: 0, max: 3 * 366 * 24 * H }), (a, span) => {
        expect(cal.workingMsBetween(new Date(a), new Date(a + span))).toBe(dayByDay(a, a + span));
      }),
      { numRuns: 200 },
    );
  });

  it('pauses a step while waiting for a supplement and resumes with the remaining time', () => {
    const due = calendar.addWorkingDays(at('2024-03-04 10:00'), 3); // Thu 7 Mar 17:00
    const remaining = calendar.workingMsBetween(at('2024-03-05 12:00'), due); // paused Tue 12:00
    expect(remaining).toBe(23 * H);
    expect(calendar.addWorkingMs(at('2024-03-11 08:00'), remaining)).toEqual(at('2024-03-13 13:00')); // resumed Mon
  });

  it.each([
    ['one day before a closing time', '2024-03-07 17:00', 1, '2024-03-07 08:00'],
    ['two days, over a weekend', '2024-03-11 17:00', 2, '2024-03-08 08:00'],
    ['from midday', '2024-03-05 12:00', 1, '2024-03-04 12:00'],
    ['over Tết 2020', '2020-01-30 17:00', 2, '2020-01-22 08:00'],
    ['zero days', '2024-03-05 12:00', 0, '2024-03-05 12:00'],
  ])('subtractWorkingDays %s', (_, due, n, expected) => {
    expect(calendar.subtractWorkingDays(at(due), n)).toEqual(at(expected));
  });
});

describe('WorkingCalendar overrides', () => {
  it('an added holiday shifts a due date', () => {
    const stormy = new WorkingCalendar({ holidays: [{ date: '2024-03-06', name: 'Nghỉ do bão' }] });
    expect(calendar.addWorkingDays(at('2024-03-04 10:00'), 3)).toEqual(at('2024-03-07 17:00'));
    expect(stormy.addWorkingDays(at('2024-03-04 10:00'), 3)).toEqual(at('2024-03-08 17:00'));
    expect(stormy.holidaysOf(2024)).toContainEqual({ date: '2024-03-06', name: 'Nghỉ do bão' });
    expect(stormy.workingMsBetween(at('2024-03-05 08:00'), at('2024-03-08 08:00'))).toBe(18 * H);
  });

  it('an added working Saturday counts', () => {
    const busy = new WorkingCalendar({ workingDays: ['2024-03-09'] });
    expect(busy.isWorkingDay('2024-03-09')).toBe(true);
    expect(busy.addWorkingDays(at('2024-03-08 10:00'), 1)).toEqual(at('2024-03-09 17:00'));
    expect(calendar.addWorkingDays(at('2024-03-08 10:00'), 1)).toEqual(at('2024-03-11 17:00'));
  });

  it('overrides beat the announced days both ways', () => {
    const custom = new WorkingCalendar({ holidays: [{ date: '2025-04-26', name: 'x' }], workingDays: ['2025-05-02'] });
    expect(custom.isWorkingDay('2025-04-26')).toBe(false);
    expect(custom.isWorkingDay('2025-05-02')).toBe(true);
    expect(custom.holidaysOf(2025).map((h) => h.date)).not.toContain('2025-05-02');
  });

  it('refuses contradictions and bad office hours', () => {
    expect(() => new WorkingCalendar({ holidays: [{ date: '2024-03-06', name: 'x' }], workingDays: ['2024-03-06'] })).toThrow(RangeError);
    expect(() => new WorkingCalendar({}, { startHour: 17, endHour: 8 })).toThrow(RangeError);
    expect(() => new WorkingCalendar({ workingDays: ['6/3/2024'] })).toThrow(RangeError);
  });

  it('uses configured office hours', () => {
    const early = new WorkingCalendar({}, { startHour: 7, endHour: 16 });
    expect(early.addWorkingDays(at('2024-03-04 16:30'), 1)).toEqual(at('2024-03-06 16:00'));
    expect(early.workingMsBetween(at('2024-03-04 06:00'), at('2024-03-04 08:00'))).toBe(1 * H);
  });
});

describe('WorkingCalendar range and office hours', () => {
  it('says which dates it covers, and throws CalendarRangeError outside them', () => {
    expect(calendar.covers('2000-01-01')).toBe(true);
    expect(calendar.covers('2100-12-31')).toBe(true);
    expect(calendar.covers('1999-12-31')).toBe(false);
    expect(calendar.covers('2101-01-03')).toBe(false);
    expect(() => calendar.isWorkingDay('2101-01-03')).toThrow(CalendarRangeError);
    expect(() => calendar.addWorkingMs(at('2150-01-01 00:00'), H)).toThrow(CalendarRangeError);
  });

  it('tells whether an instant is within office hours in Vietnam time, both ends included', () => {
    expect(calendar.withinOfficeHours(at('2024-03-04 08:00'))).toBe(true);
    expect(calendar.withinOfficeHours(at('2024-03-04 17:00'))).toBe(true);
    expect(calendar.withinOfficeHours(at('2024-03-04 07:59'))).toBe(false);
    expect(calendar.withinOfficeHours(at('2024-03-04 17:01'))).toBe(false);
    expect(calendar.withinOfficeHours(new Date('2024-03-04T03:00:00Z'))).toBe(true); // 10:00 in Vietnam
    expect(new WorkingCalendar({}, { startHour: 7, endHour: 16 }).withinOfficeHours(at('2024-03-04 16:30'))).toBe(false);
  });
});
