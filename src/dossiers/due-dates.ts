// Pure: how a transition moves a dossier's clocks (the step's, the appointed return date's and the
// date in force).
import type { DossierMove } from '../workflow/decide';
import type { Procedure } from '../workflow/definitions';
import type { DossierEntity } from './dossier.entity';
import { isApplicant } from '../workflow/types';

/** The part of a calendar that due dates need (WorkingCalendar implements it). */
export interface WorkingTime {
  addWorkingDays(from: Date, n: number): Date;
  workingMsBetween(from: Date, to: Date): number;
  addWorkingMs(from: Date, ms: number): Date;
}

/** The columns that time a dossier: the current step's clock, the appointed return date's and the date in force's. */
export type DossierClock = Pick<
  DossierEntity,
  | 'currentStep'
  | 'stepStartedAt'
  | 'stepDueAt'
  | 'stepRemainingMs'
  | 'stepWorkedMs'
  | 'stepRunningSince'
  | 'dueAt'
  | 'dueRemainingMs'
  | 'appointedReturnAt'
  | 'appointedRemainingMs'
  | 'finishedAt'
  | 'receiptDueAt'
>;

/** The clock of a dossier not yet received: nothing runs. */
export const NO_CLOCK: DossierClock = {
  currentStep: null,
  stepStartedAt: null,
  stepDueAt: null,
  stepRemainingMs: null,
  stepWorkedMs: null,
  stepRunningSince: null,
  dueAt: null,
  dueRemainingMs: null,
  appointedReturnAt: null,
  appointedRemainingMs: null,
  finishedAt: null,
  receiptDueAt: null,
};

/** What moves the clocks: the transition (nextClock reads only these). */
export type ClockMove = Pick<DossierMove, 'fromState' | 'toState' | 'step' | 'pausedStep' | 'resumedStep' | 'final' | 'endsClock'>;

function remaining(cal: WorkingTime, now: Date, due: Date | null): number | null {
  if (!due) return null;
  return due > now ? cal.workingMsBetween(now, due) : 0;
}

/** Office time spent on the current step so far, its supplement pauses excluded. */
export function stepWorkedMs(cal: WorkingTime, clock: Pick<DossierClock, 'stepWorkedMs' | 'stepRunningSince'>, now: Date): number {
  const running = clock.stepRunningSince ? Math.max(0, cal.workingMsBetween(clock.stepRunningSince, now)) : 0;
  return (clock.stepWorkedMs ?? 0) + running;
}

/**
 * How a transition moves the dossier's clocks: a new step gets its full time limit; a supplement
 * request pauses the step, the appointed return date and the date in force, and the supplement
 * resumes them with the working time that was left (Decree 61/2018: the applicant's time does not
 * count). `dueAt` is the date in force (an apology's new date replaces it); `appointedReturnAt`
 * is the legal appointed date set at receipt, which only supplement pauses move.
 */
export function nextClock(procedure: Procedure, current: DossierClock, d: ClockMove, cal: WorkingTime, now: Date): DossierClock {
  const dossier: DossierClock = {
    currentStep: current.currentStep,
    stepStartedAt: current.stepStartedAt,
    stepDueAt: current.stepDueAt,
    stepRemainingMs: current.stepRemainingMs,
    stepWorkedMs: current.stepWorkedMs,
    stepRunningSince: current.stepRunningSince,
    dueAt: current.dueAt,
    dueRemainingMs: current.dueRemainingMs,
    appointedReturnAt: current.appointedReturnAt,
    appointedRemainingMs: current.appointedRemainingMs,
    finishedAt: current.finishedAt,
    // The receiving unit's first act on the dossier (accepting it, asking for a supplement, refusing) meets the receipt's limit.
    receiptDueAt: d.fromState === procedure.steps.find((s) => !isApplicant(s.actor))?.key ? null : current.receiptDueAt,
  };
  // The result given (or the loan signed): no clock runs after it; the time it was given stays.
  if (d.final || d.endsClock) {
    return {
      ...dossier,
      currentStep: null,
      stepDueAt: null,
      stepRemainingMs: null,
      stepWorkedMs: null,
      stepRunningSince: null,
      dueRemainingMs: null,
      appointedRemainingMs: null,
      finishedAt: current.finishedAt ?? now,
      receiptDueAt: null,
    };
  }
  if (d.pausedStep) {
    return {
      ...dossier,
      currentStep: null,
      stepDueAt: null,
      stepRemainingMs: remaining(cal, now, dossier.stepDueAt),
      stepWorkedMs: stepWorkedMs(cal, dossier, now),
      stepRunningSince: null,
      dueAt: null,
      dueRemainingMs: remaining(cal, now, dossier.dueAt),
      appointedReturnAt: null,
      appointedRemainingMs: remaining(cal, now, dossier.appointedReturnAt),
    };
  }
  if (d.resumedStep) {
    return {
      ...dossier,
      currentStep: d.toState,
      stepDueAt: cal.addWorkingMs(now, dossier.stepRemainingMs ?? 0),
      stepRemainingMs: null,
      stepRunningSince: now,
      dueAt: cal.addWorkingMs(now, dossier.dueRemainingMs ?? 0),
      dueRemainingMs: null,
      appointedReturnAt: cal.addWorkingMs(now, dossier.appointedRemainingMs ?? 0),
      appointedRemainingMs: null,
    };
  }
  // Within the step (accept): its clocks run on.
  if (d.fromState === d.toState) return dossier;
  const limit = d.step?.timeLimitWorkingDays ?? 0;
  const total = procedure.steps.reduce((sum, s) => sum + (s.timeLimitWorkingDays ?? 0), 0);
  // The appointed return date is set once, at receipt, from the sum of the steps' limits.
  const received = d.fromState === 'submission';
  const appointed = received ? cal.addWorkingDays(now, total) : null;
  return {
    ...dossier,
    currentStep: d.toState,
    stepStartedAt: now,
    stepDueAt: cal.addWorkingDays(now, limit),
    stepWorkedMs: 0,
    stepRunningSince: now,
    dueAt: appointed ?? dossier.dueAt,
    appointedReturnAt: appointed ?? dossier.appointedReturnAt,
  };
}
