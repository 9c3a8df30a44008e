// Pure: what a state change does to the record of the steps a dossier was held at (dossier_step):
// computed from the clocks before and after it, so the live write and the back-fill from history agree.
import type { DossierMove } from '../workflow/decide';
import type { StepActor } from '../workflow/types';
import { type DossierClock, stepWorkedMs, type WorkingTime } from './due-dates';

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
  actor: StepActor;
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
  move: Pick<DossierMove, 'step' | 'enteredStep' | 'endsClock' | 'fromState'>,
  action: string,
  before: DossierClock,
  after: DossierClock,
  cal: WorkingTime,
  now: Date,
): StepHandover | null {
  const held = move.fromState !== 'submission' && (move.enteredStep || move.endsClock);
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
