import { DomainError } from '../common/domain-error';
import { WorkingCalendar } from './calendar';
import { localDate, newReturnDate } from './return-date';

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

  it('keeps an instant as given', () => {
    expect(newReturnDate('2020-05-18T10:00:00+07:00', cal, now, due).toISOString()).toBe('2020-05-18T03:00:00.000Z');
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
  ])('%s → %s', (raw, expected) => {
    expect(code(raw)).toBe(expected);
  });

  it('judges the working day in Vietnam time, not UTC', () => {
    // Sunday 23:30 UTC is Monday 06:30 in Hà Nội.
    expect(localDate(new Date('2020-05-17T23:30:00Z'))).toBe('2020-05-18');
    expect(code('2020-05-17T23:30:00Z')).toBe('ok');
  });
});
