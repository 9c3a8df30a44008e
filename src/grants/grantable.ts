// Pure: which steps may be granted to an official of which unit kind.
import { PROCEDURES, procedureCodes } from '../workflow/definitions';
import { mayHoldStep, stepActors } from '../workflow/step-holders';
import { isApplicant } from '../workflow/types';
import type { UnitKind } from '../common/unit-kinds';
import type { CodeOfKind } from '../common/domain-error';

export type GrantRefusal =
  | { kind: 'invalid'; code: CodeOfKind<'invalid'>; message: string }
  | { kind: 'rule'; code: CodeOfKind<'rule'>; message: string };

/**
 * Why `step` of `procedureCode` cannot be granted to an official of a `unitKind` unit (STEP_HOLDERS says which kinds may hold it), or null.
 * A step counts when any defined version has it, so grants survive publishing a new version.
 */
export function grantRefusal(procedureCode: string, step: string, unitKind: UnitKind): GrantRefusal | null {
  const versions = PROCEDURES.filter((p) => p.code === procedureCode);
  if (!versions.length) {
    return { kind: 'invalid', code: 'GRANT_UNKNOWN_PROCEDURE', message: `procedure ${procedureCode} does not exist; known: ${procedureCodes().join(', ')}` };
  }
  const actors = stepActors(procedureCode, step);
  if (!actors.size) {
    const steps = [...new Set(versions.flatMap((p) => p.steps.filter((s) => !isApplicant(s.actor)).map((s) => s.key)))];
    return { kind: 'invalid', code: 'GRANT_UNKNOWN_STEP', message: `procedure ${procedureCode} has no step ${step}; its steps: ${steps.join(', ')}` };
  }
  if ([...actors].some(isApplicant)) {
    return { kind: 'rule', code: 'GRANT_STEP_NOT_GRANTABLE', message: `step ${step} is taken by the employer through the portal, not by an official` };
  }
  if (!mayHoldStep(procedureCode, step, unitKind)) {
    return {
      kind: 'rule',
      code: 'GRANT_UNIT_KIND_MISMATCH',
      message: `step ${step} of ${procedureCode} is acted on by a ${[...actors].join('/')} unit; the official's unit is ${unitKind}`,
    };
  }
  return null;
}
