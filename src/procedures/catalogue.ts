// Pure: a procedure as the public catalogue shows it.
import { inForce, inIntake, type ScheduledVersion } from './schedule';

/** The version in force at `now` (or, before any applies, the first scheduled) and the whole schedule. */
export function catalogueEntry(schedule: readonly ScheduledVersion[], now: Date) {
  const current = inForce(schedule, now) ?? schedule[0];
  const p = current.procedure;
  return {
    code: p.code,
    name: p.name,
    version: p.version,
    legalBasis: p.legalBasis,
    effectiveFrom: p.effectiveFrom,
    publishedFrom: current.from.toISOString(),
    intake: current.intake,
    intakeOpen: current.from <= now && inIntake(current.intake, now),
    steps: p.steps.map(({ key, order, actor, timeLimitWorkingDays }) => ({ key, order, actor, timeLimitWorkingDays })),
    rejectGrounds: p.rejectGrounds.map(({ key, label, labelEn, legalBasis }) => ({ key, label, labelEn, legalBasis })),
    schedule: schedule.map((entry) => ({
      version: entry.procedure.version,
      legalBasis: entry.procedure.legalBasis,
      effectiveFrom: entry.procedure.effectiveFrom,
      from: entry.from.toISOString(),
      intake: entry.intake,
    })),
  };
}
