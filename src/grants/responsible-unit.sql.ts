// SQL pieces shared by the deadline pass, the alert list, the dossiers' step record and the
// processing report: which unit holds a dossier's step. The step's actor (a unit kind) comes from
// the procedure definitions in code, passed to PostgreSQL as one jsonb parameter.
import { PROCEDURES } from '../workflow/definitions';
import { holdersOf, mayHoldStep, stepActors } from '../workflow/step-holders';
import type { StepActor } from '../workflow/types';

/** [{procedure_code, procedure_version, step, actor}] for every step of every procedure version. */
export function stepActorsParam(): string {
  return JSON.stringify(
    PROCEDURES.flatMap((p) => p.steps.map((s) => ({ procedure_code: p.code, procedure_version: p.version, step: s.key, actor: s.actor }))),
  );
}

/** A CTE `step_actor` reading stepActorsParam() from the given placeholder. */
export function stepActorCte(placeholder: string): string {
  return `step_actor AS MATERIALIZED (
    SELECT * FROM jsonb_to_recordset(${placeholder}::jsonb) AS s(procedure_code text, procedure_version int, step text, actor text))`;
}

/**
 * [{procedure_code, procedure_version, step, kind}]: the unit kinds that may hold a step besides its
 * actor's own (STEP_HOLDERS), e.g. the Department of Labour at the provincial People's Committee's step.
 */
export function extraHoldersParam(): string {
  return JSON.stringify(
    PROCEDURES.flatMap((p) =>
      p.steps.flatMap((s) => holdersOf(s.actor).filter((kind) => kind !== s.actor).map((kind) => ({ procedure_code: p.code, procedure_version: p.version, step: s.key, kind }))),
    ),
  );
}

/** Whether a `kind` official holds `step` as a kind other than the step's actor's own (STEP_HOLDERS). */
export function heldAsExtra(procedureCode: string, step: string, kind: string): boolean {
  return mayHoldStep(procedureCode, step, kind) && !stepActors(procedureCode, step).has(kind as StepActor);
}

/** A CTE `extra_holder` reading extraHoldersParam() from the given placeholder. */
export function extraHolderCte(placeholder: string): string {
  return `extra_holder AS MATERIALIZED (
    SELECT * FROM jsonb_to_recordset(${placeholder}::jsonb) AS h(procedure_code text, procedure_version int, step text, kind text))`;
}

/** SQL expressions naming a step of a dossier and where the dossier is. */
export interface StepPlace {
  /** The unit kind acting at the step. */
  kind: string;
  procedureCode: string;
  step: string;
  provinceCode: string;
  districtCode: string;
}

/**
 * The unit holding a step: a unit of the step's kind whose jurisdiction covers the dossier,
 * preferring one with an active official granted the step, then a district-level unit over a
 * provincial one; null when none exists.
 */
export function holderUnitSql(p: StepPlace): string {
  return `(SELECT u.code FROM unit u
      WHERE u.kind = ${p.kind} AND u.province_code = ${p.provinceCode} AND (u.district_code IS NULL OR u.district_code = ${p.districtCode})
      ORDER BY EXISTS (SELECT 1 FROM official o JOIN "grant" g ON g.official_id = o.id
                        WHERE o.unit_code = u.code AND o.active AND g.procedure_code = ${p.procedureCode} AND g.step = ${p.step}) DESC,
               u.district_code NULLS LAST, u.code
      LIMIT 1)`;
}

/** The unit responsible for the current step of dossier `d` (holderUnitSql). Needs `step_actor`. */
export function responsibleUnitSql(d: string): string {
  return holderUnitSql({
    kind: `(SELECT s.actor FROM step_actor s
             WHERE s.procedure_code = ${d}.procedure_code AND s.procedure_version = ${d}.procedure_version AND s.step = ${d}.current_step)`,
    procedureCode: `${d}.procedure_code`,
    step: `${d}.current_step`,
    provinceCode: `${d}.province_code`,
    districtCode: `${d}.district_code`,
  });
}
