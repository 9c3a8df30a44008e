import { isDateOnly, isInstant, isPlausibleDate } from './validators';

describe('dates and instants at the boundary', () => {
  it('takes real calendar days only, in any year', () => {
    expect(isDateOnly('2020-02-29')).toBe(true);
    expect(isDateOnly('2021-02-29')).toBe(false);
    expect(isDateOnly('2020-13-01')).toBe(false);
    expect(isDateOnly('2020-4-01')).toBe(false);
    // Years 0–99 are years 0–99, not 1900–1999 (Date.UTC's reading).
    expect(isDateOnly('0000-01-03')).toBe(true);
    expect(isDateOnly('0099-02-29')).toBe(false);
  });

  it('takes ISO 8601 date-times with an offset on a real day', () => {
    expect(isInstant('2020-05-15T16:00:00+07:00')).toBe(true);
    expect(isInstant('2020-05-15T09:00Z')).toBe(true);
    expect(isInstant('2020-05-15T16:00:00')).toBe(false);
    expect(isInstant('2020-05-15T24:00:00Z')).toBe(false);
    expect(isInstant('2020-02-30T10:00:00Z')).toBe(false);
  });
});

describe('plausible dates', () => {
  it('takes real days from 1900-01-01 to 2100-12-31 only', () => {
    expect(isPlausibleDate('1900-01-01')).toBe(true);
    expect(isPlausibleDate('2100-12-31')).toBe(true);
    expect(isPlausibleDate('1899-12-31')).toBe(false);
    expect(isPlausibleDate('2101-01-01')).toBe(false);
    expect(isPlausibleDate('0001-01-01')).toBe(false);
    expect(isPlausibleDate('9999-12-31')).toBe(false);
    expect(isPlausibleDate('2100-02-29')).toBe(false);
  });
});
