import { findProcedure } from '../workflow/definitions';
import { effectiveInstant, inForce, inIntake, type ScheduledVersion } from './schedule';

const v1 = findProcedure('unpaid-leave-support', 1)!;
const v2 = findProcedure('unpaid-leave-support', 2)!;
const schedule: ScheduledVersion[] = [
  { procedure: v1, from: effectiveInstant(v1), intake: v1.intake },
  { procedure: v2, from: effectiveInstant(v2), intake: v2.intake },
];

describe('a procedure\'s schedule of versions', () => {
  it('applies each version from 00:00 Vietnam time of the day its legal text takes effect', () => {
    expect(effectiveInstant(v1).toISOString()).toBe('2020-04-23T17:00:00.000Z');
    expect(inForce(schedule, new Date('2020-04-23T16:59:59Z'))).toBeUndefined();
    expect(inForce(schedule, new Date('2020-04-23T17:00:00Z'))?.procedure.version).toBe(1);
    expect(inForce(schedule, new Date('2021-07-06T16:59:59Z'))?.procedure.version).toBe(1);
    expect(inForce(schedule, new Date('2021-07-06T17:00:00Z'))?.procedure.version).toBe(2);
  });

  it('takes dossiers on the days of the intake window, in Vietnam time, both ends included', () => {
    expect(inIntake(v1.intake, new Date('2020-12-31T16:59:59Z'))).toBe(true); // 23:59:59 on 31 Dec in Vietnam
    expect(inIntake(v1.intake, new Date('2020-12-31T17:00:00Z'))).toBe(false);
    expect(inIntake(v1.intake, new Date('2020-04-23T17:00:00Z'))).toBe(true);
    expect(inIntake({ from: '2020-04-24', until: null }, new Date('2030-01-01T00:00:00Z'))).toBe(true);
  });
});
