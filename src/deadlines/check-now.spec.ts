import { DomainError } from '../common/domain-error';
import { checkNow, isPresent } from './check-now';

describe('checkNow (deadlines check --now)', () => {
  const code = (raw: string) => {
    try {
      checkNow(raw);
      return 'ok';
    } catch (e) {
      return (e as DomainError).code;
    }
  };

  it('reads a date as the start of that day in Vietnam', () => {
    expect(checkNow('2020-05-15').toISOString()).toBe('2020-05-14T17:00:00.000Z');
  });

  it('keeps an ISO 8601 date-time with an offset', () => {
    expect(checkNow('2020-05-15T16:00:00+07:00').toISOString()).toBe('2020-05-15T09:00:00.000Z');
    expect(checkNow('2020-05-15T09:00:00Z').toISOString()).toBe('2020-05-15T09:00:00.000Z');
    expect(checkNow('2020-05-15T16:00:00.123+07:00').toISOString()).toBe('2020-05-15T09:00:00.123Z');
  });

  it.each([
    ['tomorrow', 'DEADLINES_NOW_INVALID'],
    ['', 'DEADLINES_NOW_INVALID'],
    ['2020-05-15T16:00:00', 'DEADLINES_NOW_INVALID'], // no offset
    ['2020-05-15 16:00:00+07:00', 'DEADLINES_NOW_INVALID'],
    ['2020-02-30', 'DEADLINES_NOW_INVALID'],
    ['2020-05-15T24:00:00+07:00', 'DEADLINES_NOW_INVALID'],
    ['15/05/2020', 'DEADLINES_NOW_INVALID'],
    ['1589500800000', 'DEADLINES_NOW_INVALID'],
    ['2150-01-01T00:00:00+07:00', 'DEADLINES_NOW_OUT_OF_RANGE'],
    ['2150-01-01', 'DEADLINES_NOW_OUT_OF_RANGE'],
    ['1999-12-31T16:59:59Z', 'DEADLINES_NOW_OUT_OF_RANGE'], // 23:59:59 in Vietnam
    ['1999-12-31T17:00:00Z', 'ok'], // 2000-01-01 00:00 in Vietnam
  ])('%j → %s', (raw, expected) => {
    expect(code(raw)).toBe(expected);
  });
});

describe('isPresent', () => {
  const clock = new Date('2026-11-28T10:00:00Z');
  it.each([
    ['2026-11-28T10:00:00Z', true],
    ['2026-11-28T10:01:00Z', true],
    ['2026-11-28T09:59:00Z', true],
    ['2026-11-28T10:01:00.001Z', false],
    ['2026-11-28T09:58:59.999Z', false],
    ['2020-05-15T09:00:00Z', false],
  ])('%s is the present: %s', (at, expected) => {
    expect(isPresent(new Date(at), clock)).toBe(expected);
  });
});
