// Pure: the procedure versions this process knows, each compiled once: the files shipped in
// procedures/ (checked and compiled as a deployed document is), then those deployed since.
import unpaidLeaveSupportV1 from '../../../procedures/unpaid-leave-support@1.json';
import unpaidLeaveSupportV2 from '../../../procedures/unpaid-leave-support@2.json';
import wageLoanSupportV1 from '../../../procedures/wage-loan-support@1.json';
import wageLoanSupportV2 from '../../../procedures/wage-loan-support@2.json';
import type { ValidateFunction } from 'ajv';
import { checkDefinition, compileContentSchema } from '../definition-check';
import { createProcedureMachine, type ProcedureMachine } from '../procedure.machine';
import { ACTIONS, type ProcedureDefinition, type StepDefinition } from '../types';

export interface Procedure extends ProcedureDefinition {
  machine: ProcedureMachine;
  /** Checks a dossier's `content` against the version's `content` schema. */
  validContent: ValidateFunction;
}

/** The seeds' documents, as shipped in procedures/. */
export const SHIPPED_DOCUMENTS: readonly unknown[] = [unpaidLeaveSupportV1, unpaidLeaveSupportV2, wageLoanSupportV1, wageLoanSupportV2];

/** Versions published when a database is first seeded. */
export const INITIALLY_PUBLISHED: Record<string, number> = { 'unpaid-leave-support': 1, 'wage-loan-support': 1 };

/** A checked definition's runtime form; the document's own `$schema` pointer is not part of it. */
function compile(definition: ProcedureDefinition): Procedure {
  const { $schema: _pointer, ...def } = definition as ProcedureDefinition & { $schema?: string };
  return { ...def, machine: createProcedureMachine(def), validContent: compileContentSchema(def.content) };
}

function shipped(document: unknown): Procedure {
  const checked = checkDefinition(document);
  if (!checked.ok) throw new Error(`procedures/: ${checked.problems.map((p) => p.message).join('; ')}`);
  return compile(checked.definition);
}

/**
 * Every version known to this process, in order of registration: the shipped ones, then each
 * deployed one as it is registered. Which one new dossiers get is data (procedures publish).
 */
export const PROCEDURES: Procedure[] = SHIPPED_DOCUMENTS.map(shipped);

const BY_KEY = new Map(PROCEDURES.map((p) => [`${p.code}@${p.version}`, p]));

/** A checked definition made known to this process (a deployed version); compiled once per code and version. */
export function registerProcedure(definition: ProcedureDefinition): Procedure {
  const key = `${definition.code}@${definition.version}`;
  const known = BY_KEY.get(key);
  if (known) return known;
  const procedure = compile(definition);
  BY_KEY.set(key, procedure);
  PROCEDURES.push(procedure);
  knownActions = null;
  return procedure;
}

export function findProcedure(code: string, version: number): Procedure | undefined {
  return BY_KEY.get(`${code}@${version}`);
}

/** The procedure a stored dossier was received under; every version ever deployed is registered at start. */
export function procedureOf(d: { procedureCode: string; procedureVersion: number }): Procedure {
  const procedure = findProcedure(d.procedureCode, d.procedureVersion);
  if (!procedure) throw new Error(`procedure ${d.procedureCode}@${d.procedureVersion} is not registered`);
  return procedure;
}

export function procedureCodes(): string[] {
  return [...new Set(PROCEDURES.map((p) => p.code))];
}

/** The latest registered version of a code (versions are registered in order). */
export function latestProcedure(code: string): Procedure | undefined {
  return PROCEDURES.filter((p) => p.code === code).reduce<Procedure | undefined>((a, p) => (!a || p.version > a.version ? p : a), undefined);
}

/**
 * What a dossier of the version lists beside its `content`: the workers its rule kind judges (every
 * kind the engine knows judges workers), and the loan the wage loan lends.
 */
export function dossierParts(procedure: Pick<ProcedureDefinition, 'eligibility'>): { workers: boolean; loan: boolean } {
  return { workers: procedure.eligibility !== null, loan: procedure.eligibility?.kind === 'wage-loan' };
}

/** A step as its definition names it (the latest version that has the step; of a code, when given). */
export function definedStep(key: string, code?: string | null): StepDefinition | undefined {
  for (let i = PROCEDURES.length - 1; i >= 0; i--) {
    const p = PROCEDURES[i];
    if (code && p.code !== code) continue;
    const step = p.steps.find((s) => s.key === key);
    if (step) return step;
  }
  return undefined;
}

/** The step whose `advance` an action is, as its definition names it (the latest version that has it). */
export function advancedStep(action: string): StepDefinition | undefined {
  for (let i = PROCEDURES.length - 1; i >= 0; i--) {
    const step = PROCEDURES[i].steps.find((s) => s.advance === action);
    if (step) return step;
  }
  return undefined;
}

// Asked at every action's validation: one set, rebuilt when a version is registered.
let knownActions: Set<string> | null = null;

/** Whether the engine or some registered version has an action of this name; `submit` is the intake's, never an action's. */
export function isKnownAction(action: string): boolean {
  knownActions ??= new Set([...ACTIONS, ...PROCEDURES.flatMap((p) => p.steps.map((s) => s.advance ?? ''))].filter((a) => a && a !== 'submit'));
  return knownActions.has(action);
}
