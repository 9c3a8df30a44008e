// Which unit holds a dossier's step, as src/grants/responsible-unit.sql.ts said it when the step
// record was added; the steps' actors from the frozen procedure table.
import { PROCEDURES } from './procedures';

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
