// A frozen copy of the clocks and the step record as the service computed them when the step record
// was added (src/dossiers/due-dates.ts, step-log.ts and workflow's moveOf of that day), so this
// migration's back-fill never changes with the application.
import type { FrozenProcedure as Procedure, FrozenStep } from './procedures';

const AWAITING_SUPPLEMENT = 'awaiting-supplement';
const FINAL_STATES = ['approved', 'disbursed', 'rejected', 'withdrawn'];

/** The dossier columns that time it. */
interface FrozenDossier {
  currentStep: string | null;
  stepStartedAt: Date | null;
  stepDueAt: Date | null;
  stepRemainingMs: number | null;
  stepWorkedMs: number | null;
  stepRunningSince: Date | null;
  dueAt: Date | null;
  dueRemainingMs: number | null;
  appointedReturnAt: Date | null;
  appointedRemainingMs: number | null;
  finishedAt: Date | null;
  receiptDueAt: Date | null;
}

/** What a move from one state to another means for the dossier's steps and clocks. */
export interface DossierMove {
  fromState: string;
  toState: string;
  step: FrozenStep | null;
  enteredStep: boolean;
  pausedStep: boolean;
  resumedStep: boolean;
  final: boolean;
}

export function moveOf(procedure: Procedure, fromState: string, toState: string): DossierMove {
  const step = procedure.steps.find((s) => s.key === toState) ?? null;
  const resumed = fromState === AWAITING_SUPPLEMENT && step !== null;
  return {
    fromState,
    toState,
    step,
    enteredStep: step !== null && !resumed,
    pausedStep: toState === AWAITING_SUPPLEMENT,
    resumedStep: resumed,
    final: FINAL_STATES.includes(toState),
  };
}

/** The part of a calendar that due dates need (WorkingCalendar implements it). */
export interface WorkingTime {
  addWorkingDays(from: Date, n: number): Date;
  workingMsBetween(from: Date, to: Date): number;
  addWorkingMs(from: Date, ms: number): Date;
}

/** The columns that time a dossier: the current step's clock, the appointed return date's and the date in force's. */
export type Clock = Pick<
  FrozenDossier,
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
export const NO_CLOCK: Clock = {
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
export type ClockMove = Pick<DossierMove, 'fromState' | 'toState' | 'step' | 'pausedStep' | 'resumedStep' | 'final'>;

function remaining(cal: WorkingTime, now: Date, due: Date | null): number | null {
  if (!due) return null;
  return due > now ? cal.workingMsBetween(now, due) : 0;
}

/** Office time spent on the current step so far, its supplement pauses excluded. */
export function stepWorkedMs(cal: WorkingTime, clock: Pick<Clock, 'stepWorkedMs' | 'stepRunningSince'>, now: Date): number {
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
export function nextClock(procedure: Procedure, current: Clock, d: ClockMove, cal: WorkingTime, now: Date): Clock {
  const dossier: Clock = {
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
    receiptDueAt: d.fromState === procedure.steps.find((s) => s.actor !== 'employer')?.key ? null : current.receiptDueAt,
  };
  if (d.final) {
    return {
      ...dossier,
      currentStep: null,
      stepDueAt: null,
      stepRemainingMs: null,
      stepWorkedMs: null,
      stepRunningSince: null,
      dueRemainingMs: null,
      appointedRemainingMs: null,
      finishedAt: now,
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

export interface EndedStep {
  /** The action that ended it. */
  action: string;
  /** Its own time limit as it stood (moved by supplement pauses); null when it ended while paused. */
  dueAt: Date | null;
  /** Office time it took, supplement pauses excluded. */
  workedMs: number;
  /** Ended after its time limit; null when the portal withdrew the dossier (the unit did not end it). */
  late: boolean | null;
}

export interface StartedStep {
  step: string;
  actor: string;
  dueAt: Date;
  /** Handed over after the previous step's time limit; null for the first step (from the applicant). */
  receivedLate: boolean | null;
}

export interface StepHandover {
  ended: EndedStep | null;
  started: StartedStep | null;
}

export const WITHDRAW = 'withdraw';

/**
 * The step ended and the step started by `move` (null when neither: a pause, a resume, an
 * apology). `before` is the dossier's clock before the change, `after` the one `nextClock` gave.
 */
export function stepHandover(
  move: Pick<DossierMove, 'step' | 'enteredStep' | 'final' | 'fromState'>,
  action: string,
  before: Clock,
  after: Clock,
  cal: WorkingTime,
  now: Date,
): StepHandover | null {
  const held = move.fromState !== 'submission' && (move.enteredStep || move.final);
  const ended: EndedStep | null = held
    ? {
        action,
        dueAt: before.stepDueAt,
        workedMs: stepWorkedMs(cal, before, now),
        late: action === WITHDRAW || !before.stepDueAt ? null : now > before.stepDueAt,
      }
    : null;
  const started: StartedStep | null =
    move.enteredStep && move.step && after.stepDueAt
      ? { step: move.step.key, actor: move.step.actor, dueAt: after.stepDueAt, receivedLate: ended ? ended.late : null }
      : null;
  return ended || started ? { ended, started } : null;
}
