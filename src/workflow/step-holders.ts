// Pure: which unit kinds hold which step of a procedure; granting a step, taking its actions and
// moving a unit all ask it.
import type { UnitKind } from '../common/unit-kinds';
import { PROCEDURES } from './definitions';
import type { StepActor } from './types';

/**
 * The grant rules, in one table: the unit kinds whose officials may hold a step acted on by each
 * actor. A step is its actor's; the provincial People's Committee's may also be held by the
 * Department of Labour (Sở LĐTBXH), whose officials prepare its decisions (Quảng Ngãi
 * 2107/UBND-HCC point 4a); the decision is still signed for the Committee. An actor a deployed
 * procedure adds is held by its own kind; the applicant's (employer's) step by no official.
 */
export const STEP_HOLDERS: Readonly<Record<Exclude<StepActor, 'employer' | 'applicant'>, readonly UnitKind[]>> = {
  'social-insurance': ['social-insurance'],
  'district-pc': ['district-pc'],
  'provincial-pc': ['provincial-pc', 'dolisa'],
  'social-policy-bank': ['social-policy-bank'],
  dolisa: ['dolisa'],
};

/** The unit kinds that may hold a step acted on by `actor`. */
export function holdersOf(actor: string): readonly string[] {
  if (actor === 'employer' || actor === 'applicant') return [];
  return Object.hasOwn(STEP_HOLDERS, actor) ? STEP_HOLDERS[actor as keyof typeof STEP_HOLDERS] : [actor];
}

/** The actors of `step` in every defined version of `procedureCode` (empty when no version has the step). */
export function stepActors(procedureCode: string, step: string): Set<StepActor> {
  return new Set(PROCEDURES.filter((p) => p.code === procedureCode).flatMap((p) => p.steps.filter((s) => s.key === step).map((s) => s.actor)));
}

/** Whether an official of a `unitKind` unit may hold `step` of `procedureCode`. */
export function mayHoldStep(procedureCode: string, step: string, unitKind: string): boolean {
  return [...stepActors(procedureCode, step)].some((actor) => holdersOf(actor).includes(unitKind));
}
