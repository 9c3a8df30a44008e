import { WorkingCalendar } from '../calendar/core';
import { moveOf } from '../workflow/decide';
import { findProcedure } from '../workflow/definitions';
import { nextClock, NO_CLOCK } from './due-dates';
import { stepHandover } from './step-log';

const VN = (local: string) => new Date(`${local}+07:00`);
const H = 3_600_000;
const cal = new WorkingCalendar();
const procedure = findProcedure('unpaid-leave-support', 1)!;


/** Moves a dossier through `moves` ([local time, from, to, action]); the clock and each handover. */
function walk(moves: [string, string, string, string][]) {
  let clock = NO_CLOCK;
  const handovers = [];
  for (const [local, from, to, action] of moves) {
    const move = moveOf(procedure, from, to);
    const after = nextClock(procedure, clock, move, cal, VN(local));
    handovers.push(stepHandover(move, action, clock, after, cal, VN(local)));
    clock = after;
  }
  return { clock, handovers };
}

describe('stepHandover', () => {
  it('opens the first step at receipt, closes each step as the next opens, late propagating as "received late"', () => {
    const { handovers } = walk([
      ['2020-05-11T09:00:00', 'submission', 'insurance-confirmation', 'submit'], // BHXH due Thu 14 May 17:00
      ['2020-05-15T10:00:00', 'insurance-confirmation', 'district-appraisal', 'confirm'], // late
      ['2020-05-18T10:00:00', 'district-appraisal', 'provincial-approval', 'appraise'],
      ['2020-05-19T09:00:00', 'provincial-approval', 'approved', 'approve'],
    ]);
    expect(handovers[0]).toEqual({ ended: null, started: { step: 'insurance-confirmation', actor: 'social-insurance', dueAt: VN('2020-05-14T17:00:00'), receivedLate: null } });
    expect(handovers[1]).toEqual({
      ended: { action: 'confirm', dueAt: VN('2020-05-14T17:00:00'), workedMs: (8 + 9 + 9 + 9 + 2) * H, late: true },
      started: { step: 'district-appraisal', actor: 'district-pc', dueAt: VN('2020-05-20T17:00:00'), receivedLate: true },
    });
    expect(handovers[2]!.ended).toMatchObject({ late: false, workedMs: 9 * H });
    expect(handovers[2]!.started).toMatchObject({ receivedLate: false });
    expect(handovers[3]).toEqual({ ended: { action: 'approve', dueAt: VN('2020-05-20T17:00:00'), workedMs: 8 * H, late: false }, started: null });
  });

  it('leaves supplement pauses out of the worked time, and records nothing for the pause and the resume', () => {
    const { clock, handovers } = walk([
      ['2020-05-11T09:00:00', 'submission', 'insurance-confirmation', 'submit'],
      ['2020-05-11T11:00:00', 'insurance-confirmation', 'awaiting-supplement', 'request-supplement'], // 2 h worked
      ['2020-05-13T10:00:00', 'awaiting-supplement', 'insurance-confirmation', 'supplement'],
      ['2020-05-13T12:00:00', 'insurance-confirmation', 'district-appraisal', 'confirm'], // 2 h more
    ]);
    expect(handovers[1]).toBeNull();
    expect(handovers[2]).toBeNull();
    // The step's due date moved by the pause: 2 h used of 3 working days (Mon 09:00 → Thu 17:00 = 35 h) leaves 33 h from Wed 10:00.
    expect(handovers[3]!.ended).toEqual({ action: 'confirm', dueAt: VN('2020-05-18T16:00:00'), workedMs: 4 * H, late: false });
    // The appointed date moved by the same pause, the date in force with it.
    expect(clock.appointedReturnAt).toEqual(clock.dueAt);
    expect(clock.appointedReturnAt).toEqual(cal.addWorkingMs(VN('2020-05-13T10:00:00'), cal.workingMsBetween(VN('2020-05-11T11:00:00'), VN('2020-05-21T17:00:00'))));
  });

  it('a withdrawal ends the step without judging it late, even while waiting for the applicant', () => {
    const { handovers } = walk([
      ['2020-05-11T09:00:00', 'submission', 'insurance-confirmation', 'submit'],
      ['2020-05-11T12:00:00', 'insurance-confirmation', 'awaiting-supplement', 'request-supplement'],
      ['2020-05-29T09:00:00', 'awaiting-supplement', 'withdrawn', 'withdraw'],
    ]);
    expect(handovers[2]).toEqual({ ended: { action: 'withdraw', dueAt: null, workedMs: 3 * H, late: null }, started: null });
  });
});
