// Pure: how a decision moves a dossier's clocks (the step's and the appointed return date).
import type { Decision } from '../workflow/decide';
import type { Procedure } from '../workflow/definitions';
import type { DossierEntity } from './dossier.entity';

/** The part of a calendar that due dates need (WorkingCalendar implements it). */
export interface WorkingTime {
  addWorkingDays(from: Date, n: number): Date;
  workingMsBetween(from: Date, to: Date): number;
  addWorkingMs(from: Date, ms: number): Date;
}

/** The columns that time a dossier: the current step's clock and the appointed return date's. */
type DossierClocks = Pick<
  DossierEntity,
  'currentStep' | 'stepStartedAt' | 'stepDueAt' | 'stepRemainingMs' | 'dueAt' | 'dueRemainingMs' | 'finishedAt'
>;

function remaining(cal: WorkingTime, now: Date, due: Date | null): number | null {
  if (!due) return null;
  return due > now ? cal.workingMsBetween(now, due) : 0;
}

/**
 * How a decision moves the dossier's clocks: a new step gets its full time limit; a
 * supplement request pauses the step and the appointed date, and the supplement resumes
 * them with the working time that was left (Decree 61/2018: the applicant's time does not count).
 */
export function nextClock(procedure: Procedure, current: DossierClocks, d: Decision, cal: WorkingTime, now: Date): DossierClocks {
  const dossier: DossierClocks = {
    currentStep: current.currentStep,
    stepStartedAt: current.stepStartedAt,
    stepDueAt: current.stepDueAt,
    stepRemainingMs: current.stepRemainingMs,
    dueAt: current.dueAt,
    dueRemainingMs: current.dueRemainingMs,
    finishedAt: current.finishedAt,
  };
  if (d.final) return { ...dossier, currentStep: null, stepDueAt: null, stepRemainingMs: null, dueRemainingMs: null, finishedAt: now };
  if (d.pausedStep) {
    return {
      ...dossier,
      currentStep: null,
      stepDueAt: null,
      stepRemainingMs: remaining(cal, now, dossier.stepDueAt),
      dueAt: null,
      dueRemainingMs: remaining(cal, now, dossier.dueAt),
    };
  }
  if (d.resumedStep) {
    return {
      ...dossier,
      currentStep: d.toState,
      stepDueAt: cal.addWorkingMs(now, dossier.stepRemainingMs ?? 0),
      stepRemainingMs: null,
      dueAt: cal.addWorkingMs(now, dossier.dueRemainingMs ?? 0),
      dueRemainingMs: null,
    };
  }
  const limit = d.step?.timeLimitWorkingDays ?? 0;
  const total = procedure.steps.reduce((sum, s) => sum + (s.timeLimitWorkingDays ?? 0), 0);
  return {
    ...dossier,
    currentStep: d.toState,
    stepStartedAt: now,
    stepDueAt: cal.addWorkingDays(now, limit),
    // The appointed return date is set once, at receipt, from the sum of the steps' limits.
    dueAt: d.fromState === 'submission' ? cal.addWorkingDays(now, total) : dossier.dueAt,
  };
}
