// Pure: which unit kinds hold which step of a procedure; granting a step and moving a unit both ask it.
import { PROCEDURES } from './definitions';
import type { StepActor } from './types';

/** The actors of `step` in every defined version of `procedureCode` (empty when no version has the step). */
export function stepActors(procedureCode: string, step: string): Set<StepActor> {
  return new Set(PROCEDURES.filter((p) => p.code === procedureCode).flatMap((p) => p.steps.filter((s) => s.key === step).map((s) => s.actor)));
}

/** Whether an official of a `unitKind` unit may hold `step` of `procedureCode`. */
export function mayHoldStep(procedureCode: string, step: string, unitKind: string): boolean {
  return [...stepActors(procedureCode, step)].some((actor) => actor !== 'employer' && actor === unitKind);
}
