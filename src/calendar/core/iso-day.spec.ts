import fc from 'fast-check';
import { dayNumber, isoDate } from './iso-day';

/** The first implementation, through Date: what every stored day number was computed with. */
function byDate(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  const day = new Date(0).setUTCFullYear(y, m - 1, d) / 86_400_000;
  if (isoDate(day) !== iso) throw new RangeError(`Not a calendar date: ${iso}`);
  return day;
}

describe('dayNumber', () => {
  it('is the day number Date gives, for every day of years 0000–9999 sampled, month ends and leap days included', () => {
    const day = fc.integer({ min: byDate('0000-01-01'), max: byDate('9999-12-31') });
    fc.assert(fc.property(day, (n) => dayNumber(isoDate(n)) === n), { numRuns: 20_000 });
    for (const iso of ['1970-01-01', '2000-02-29', '1900-02-28', '1900-03-01', '2020-12-31', '2021-01-01', '0000-02-29', '0099-12-31']) {
      expect([iso, dayNumber(iso)]).toEqual([iso, byDate(iso)]);
    }
  });

  it('refuses what is not a real calendar date, as before', () => {
    const text = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
      .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    const outcome = (f: (s: string) => number, s: string) => { try { return f(s); } catch { return 'refused'; } };
    fc.assert(fc.property(text, (s) => outcome(dayNumber, s) === outcome(byDate, s)), { numRuns: 20_000 });
    for (const bad of ['2025-02-29', '1900-02-29', '2020-04-31', '2020-13-01', '2020-00-10', '2020-01-00', '2020-1-01', ' 2020-01-01']) {
      expect(() => dayNumber(bad)).toThrow(RangeError);
    }
  });
});
