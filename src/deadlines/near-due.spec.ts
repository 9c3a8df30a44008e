import { DEFAULT_OFFICE_HOURS, WorkingCalendar } from '../calendar/core';
import { apologyDeadline, apologyPromptHorizon, nearDueHorizon } from './near-due';

describe('nearDueHorizon', () => {
  const cal = new WorkingCalendar();
  const horizon = (at: string) => nearDueHorizon(cal, new Date(at), DEFAULT_OFFICE_HOURS).toISOString();

  it('is one working day of office time ahead during office hours', () => {
    // Monday 10:00 → Tuesday 10:00 (local).
    expect(horizon('2020-05-11T10:00:00+07:00')).toBe(new Date('2020-05-12T10:00:00+07:00').toISOString());
  });

  it('after closing time reaches the end of the next working day', () => {
    // Friday evening → Monday 17:00: a step due Monday is near due all weekend.
    expect(horizon('2020-05-15T18:30:00+07:00')).toBe(new Date('2020-05-18T17:00:00+07:00').toISOString());
  });

  it('skips holidays: the day before Tết 2020 reaches into the week after it', () => {
    // Wed 22 Jan 2020 12:00; 23–29 Jan are days off, so one working day ends Thu 30 Jan 12:00.
    expect(horizon('2020-01-22T12:00:00+07:00')).toBe(new Date('2020-01-30T12:00:00+07:00').toISOString());
  });

  it('agrees with subtractWorkingDays: a step due at the horizon becomes near due exactly now', () => {
    const now = new Date('2021-04-29T15:00:00+07:00'); // Thursday before 30/4–3/5 (1 May a Saturday)
    const due = nearDueHorizon(cal, now, DEFAULT_OFFICE_HOURS);
    expect(cal.subtractWorkingDays(due, 1).toISOString()).toBe(now.toISOString());
    expect(due.toISOString()).toBe(new Date('2021-05-04T15:00:00+07:00').toISOString());
  });
});

describe('apologyDeadline and apologyPromptHorizon', () => {
  const cal = new WorkingCalendar();
  const VN = (local: string) => new Date(`${local}+07:00`);

  it('is one working day of office time before the appointed date, across a weekend', () => {
    // Due Monday 18 May 2020 17:00 → the last moment is Monday 08:00 (a full office day remains).
    expect(apologyDeadline(cal, VN('2020-05-18T17:00:00'))).toEqual(VN('2020-05-18T08:00:00'));
    // Due Monday 10:00 (a resumed clock) → Friday 10:00.
    expect(apologyDeadline(cal, VN('2020-05-18T10:00:00'))).toEqual(VN('2020-05-15T10:00:00'));
  });

  it('prompts one working day before the apology deadline', () => {
    const now = VN('2020-05-14T10:00:00'); // Thursday
    const horizon = apologyPromptHorizon(cal, now, DEFAULT_OFFICE_HOURS);
    expect(horizon).toEqual(VN('2020-05-18T10:00:00'));
    // A dossier appointed for that instant has its apology deadline exactly one working day ahead.
    expect(nearDueHorizon(cal, now, DEFAULT_OFFICE_HOURS)).toEqual(apologyDeadline(cal, horizon));
  });
});
