import { DomainError } from '../common/domain-error';
import { localDate, WorkingCalendar } from '../calendar/core';
import { newReturnDate } from './return-date';

describe('newReturnDate', () => {
  const cal = new WorkingCalendar();
  const now = new Date('2020-05-12T09:00:00+07:00'); // Tuesday
  const due = new Date('2020-05-15T17:00:00+07:00'); // Friday closing time
  const code = (raw: string) => {
    try {
      newReturnDate(raw, cal, now, due);
      return 'ok';
    } catch (e) {
      return (e as DomainError).code;
    }
  };

  it('reads a date as the end of office hours that day', () => {
    expect(newReturnDate('2020-05-19', cal, now, due).toISOString()).toBe(new Date('2020-05-19T17:00:00+07:00').toISOString());
  });

  it('keeps an instant within office hours as given, opening and closing times included', () => {
    expect(newReturnDate('2020-05-18T10:00:00+07:00', cal, now, due).toISOString()).toBe('2020-05-18T03:00:00.000Z');
    expect(newReturnDate('2020-05-18T08:00:00+07:00', cal, now, due).toISOString()).toBe('2020-05-18T01:00:00.000Z');
    expect(newReturnDate('2020-05-18T10:00:00Z', cal, now, due).toISOString()).toBe('2020-05-18T10:00:00.000Z'); // 17:00 in Vietnam
  });

  it.each([
    ['2020-05-16', 'APOLOGY_RETURN_DATE_NOT_WORKING_DAY'], // Saturday
    ['2020-09-02', 'APOLOGY_RETURN_DATE_NOT_WORKING_DAY'], // National Day
    ['2020-05-16T10:00:00+07:00', 'APOLOGY_RETURN_DATE_NOT_WORKING_DAY'],
    ['2020-05-11', 'APOLOGY_RETURN_DATE_IN_PAST'],
    ['2020-05-14', 'APOLOGY_RETURN_DATE_NOT_LATER'],
    ['2020-05-15', 'APOLOGY_RETURN_DATE_NOT_LATER'], // equal to the due date
    ['2020-02-30', 'APOLOGY_RETURN_DATE_INVALID'],
    ['next week', 'APOLOGY_RETURN_DATE_INVALID'],
    ['2020-05-19T10:00:00', 'APOLOGY_RETURN_DATE_INVALID'], // no offset
    // Results are returned in office hours (08:00–17:00 Vietnam time).
    ['2020-05-19T03:00:00+07:00', 'APOLOGY_RETURN_DATE_OUTSIDE_OFFICE_HOURS'],
    ['2020-05-19T07:59:59+07:00', 'APOLOGY_RETURN_DATE_OUTSIDE_OFFICE_HOURS'],
    ['2020-05-19T17:00:01+07:00', 'APOLOGY_RETURN_DATE_OUTSIDE_OFFICE_HOURS'],
    ['2020-05-19T00:00:00+07:00', 'APOLOGY_RETURN_DATE_OUTSIDE_OFFICE_HOURS'],
    ['2020-05-19T12:00:00Z', 'APOLOGY_RETURN_DATE_OUTSIDE_OFFICE_HOURS'], // 19:00 in Vietnam
    // Any year is an answer, never a question the calendar (2000–2100) cannot answer.
    ['2101-01-03', 'APOLOGY_RETURN_DATE_TOO_FAR'],
    ['2150-01-01T10:00:00+07:00', 'APOLOGY_RETURN_DATE_TOO_FAR'],
    ['9999-12-31T23:00:00-12:00', 'APOLOGY_RETURN_DATE_TOO_FAR'], // year 10000 in Vietnam
    ['2021-05-14', 'APOLOGY_RETURN_DATE_TOO_FAR'], // 367 days after today
    ['1999-06-01', 'APOLOGY_RETURN_DATE_IN_PAST'],
    ['0000-01-03', 'APOLOGY_RETURN_DATE_IN_PAST'],
    ['0000-01-03T10:00:00+07:00', 'APOLOGY_RETURN_DATE_IN_PAST'],
  ])('%s → %s', (raw, expected) => {
    expect(code(raw)).toBe(expected);
  });

  it('judges the working day in Vietnam time, not by the date as written', () => {
    // Sunday 23:30 UTC is Monday 06:30 in Hà Nội.
    expect(localDate(new Date('2020-05-17T23:30:00Z'))).toBe('2020-05-18');
    // Sunday 20:00 at UTC−6 is Monday 09:00 in Hà Nội.
    expect(code('2020-05-17T20:00:00-06:00')).toBe('ok');
    // Monday 08:00 at UTC+9 is Monday 06:00 in Hà Nội: out of hours.
    expect(code('2020-05-18T08:00:00+09:00')).toBe('APOLOGY_RETURN_DATE_OUTSIDE_OFFICE_HOURS');
  });

  it('accepts up to a year ahead', () => {
    expect(newReturnDate('2021-05-13', cal, now, due).toISOString()).toBe(new Date('2021-05-13T17:00:00+07:00').toISOString()); // 366 days
  });

  it('never asks the calendar about a year it does not cover', () => {
    const late = new Date('2100-12-20T09:00:00+07:00');
    expect(() => newReturnDate('2101-01-04', cal, late, late)).toThrow(expect.objectContaining({ code: 'APOLOGY_RETURN_DATE_TOO_FAR' }));
  });
});
