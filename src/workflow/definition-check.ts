// Pure: reading and checking a procedure version's document: its text (UTF-8 JSON or YAML), its
// shape (the published JSON Schema), then what a schema cannot say (the graph of its steps, who acts).
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { getNextTransitions } from 'xstate';
import { parseDocument } from 'yaml';
import { UNIT_KINDS } from '../common/unit-kinds';
import { DEFINITION_SCHEMA, ELIGIBILITY_KINDS } from './definition-schema';
import { createProcedureMachine } from './procedure.machine';
import type { ProcedureDefinition } from './types';

export type DefinitionProblemCode =
  | 'PROCEDURE_DEFINITION_UNREADABLE'
  | 'PROCEDURE_DEFINITION_INVALID'
  | 'PROCEDURE_ELIGIBILITY_UNKNOWN'
  | 'PROCEDURE_STEP_INVALID'
  | 'PROCEDURE_STEP_UNREACHABLE'
  | 'PROCEDURE_ACTOR_UNKNOWN'
  | 'PROCEDURE_CONTENT_SCHEMA_INVALID';

/** What is wrong with a document, and where in it (`steps[2].actor`; empty: the document itself). */
export interface DefinitionProblem {
  code: DefinitionProblemCode;
  message: string;
  path: string;
}

export type Checked = { ok: true; definition: ProcedureDefinition } | { ok: false; problems: DefinitionProblem[] };

/** The applicant's side of the first step, and the names the engine gives its own states and actions. */
const APPLICANTS = ['applicant', 'employer'];
const ENGINE_STATES = ['submission', 'awaiting-supplement', 'approved', 'disbursed', 'rejected', 'withdrawn'];
const ENGINE_ACTIONS = ['submit', 'accept', 'reject', 'request-supplement', 'supplement', 'withdraw'];

const ajv = new Ajv({ strict: true, allErrors: false, allowUnionTypes: true });
const validShape: ValidateFunction = ajv.compile(DEFINITION_SCHEMA);

/** The JSON Schemas a definition's `content` may be: draft-07, with the formats dossiers use. */
const contentAjv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true });
contentAjv.addFormat('date', /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
contentAjv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/);
contentAjv.addFormat('email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/);

/** The validator of a definition's `content` schema, for the dossiers of its version (compiled once per version). */
export function compileContentSchema(content: object): ValidateFunction {
  return contentAjv.compile(content);
}

const problem = (code: DefinitionProblemCode, path: string, message: string): DefinitionProblem => ({ code, path, message: path ? `${path}: ${message}` : message });

/** `/steps/2/actor` as a reader writes it: `steps[2].actor`. */
export function pathOf(pointer: string, child?: string): string {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child !== undefined) parts.push(child);
  return parts.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

/** A document's bytes as a value: UTF-8 only, JSON when it opens with `{`, else YAML (one document, no duplicate keys). */
export function readDefinitionText(bytes: Uint8Array | string): { ok: true; document: unknown } | { ok: false; problems: DefinitionProblem[] } {
  let text: string;
  try {
    text = typeof bytes === 'string' ? bytes : new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problems: [problem('PROCEDURE_DEFINITION_UNREADABLE', '', 'the file is not UTF-8 text')] };
  }
  text = text.replace(/^\uFEFF/, '');
  if (/^\s*\{/.test(text)) {
    try {
      return { ok: true, document: JSON.parse(text) };
    } catch (e) {
      return { ok: false, problems: [problem('PROCEDURE_DEFINITION_UNREADABLE', '', `not valid JSON: ${(e as Error).message}`)] };
    }
  }
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) return { ok: false, problems: [problem('PROCEDURE_DEFINITION_UNREADABLE', '', `neither JSON nor valid YAML: ${doc.errors[0].message}`)] };
  const value: unknown = doc.toJS();
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, problems: [problem('PROCEDURE_DEFINITION_UNREADABLE', '', 'the file holds no JSON or YAML object')] };
  }
  return { ok: true, document: value };
}

function shapeProblem(e: ErrorObject): DefinitionProblem {
  if (e.instancePath === '/eligibility/kind' || (e.instancePath === '/eligibility' && e.keyword === 'required' && e.params.missingProperty === 'kind')) {
    return problem('PROCEDURE_ELIGIBILITY_UNKNOWN', 'eligibility.kind', `must be one of the rule kinds the engine knows: ${ELIGIBILITY_KINDS.join(', ')} (or eligibility null)`);
  }
  if (e.keyword === 'required') return problem('PROCEDURE_DEFINITION_INVALID', pathOf(e.instancePath, String(e.params.missingProperty)), 'is required');
  if (e.keyword === 'additionalProperty' || e.keyword === 'additionalProperties') {
    return problem('PROCEDURE_DEFINITION_INVALID', pathOf(e.instancePath, String(e.params.additionalProperty)), 'is not a field of a procedure definition');
  }
  const allowed = e.keyword === 'enum' ? `: one of ${(e.params.allowedValues as unknown[]).join(', ')}` : '';
  return problem('PROCEDURE_DEFINITION_INVALID', pathOf(e.instancePath), `${e.message ?? 'is invalid'}${allowed}`);
}

/** What the schema cannot say: the steps as a procedure, the actors, the grounds, the content schema. */
function meaningProblems(def: ProcedureDefinition, registeredKinds: readonly string[]): DefinitionProblem[] {
  const out: DefinitionProblem[] = [];
  const kinds = new Set([...UNIT_KINDS, ...registeredKinds]);
  def.unitKinds.forEach((k, i) => {
    if (def.unitKinds.findIndex((o) => o.code === k.code) !== i) out.push(problem('PROCEDURE_DEFINITION_INVALID', `unitKinds[${i}].code`, `"${k.code}" is declared twice`));
    kinds.add(k.code);
  });
  const seen = new Map<string, number>();
  def.steps.forEach((step, i) => {
    const at = `steps[${i}]`;
    if (seen.has(step.key)) out.push(problem('PROCEDURE_STEP_INVALID', `${at}.key`, `"${step.key}" is also the key of steps[${seen.get(step.key)}]`));
    seen.set(step.key, i);
    if (step.order !== i + 1) out.push(problem('PROCEDURE_STEP_INVALID', `${at}.order`, `must be ${i + 1}: steps are listed in their order, numbered from 1`));
    if (i === 0) {
      if (step.key !== 'submission') out.push(problem('PROCEDURE_STEP_INVALID', `${at}.key`, 'the first step is the applicant\'s submission: key "submission"'));
      if (!APPLICANTS.includes(step.actor)) out.push(problem('PROCEDURE_ACTOR_UNKNOWN', `${at}.actor`, 'the first step is the applicant\'s: "applicant" or "employer"'));
      if (step.timeLimitWorkingDays !== null) out.push(problem('PROCEDURE_STEP_INVALID', `${at}.timeLimitWorkingDays`, 'the applicant\'s submission has no time limit: null'));
      if (step.advance !== 'submit') out.push(problem('PROCEDURE_STEP_INVALID', `${at}.advance`, 'the submission advances with "submit"'));
      if (step.maySupplement) out.push(problem('PROCEDURE_STEP_INVALID', `${at}.maySupplement`, 'the applicant does not ask itself for a supplement'));
      return;
    }
    if (ENGINE_STATES.includes(step.key)) out.push(problem('PROCEDURE_STEP_INVALID', `${at}.key`, `"${step.key}" is a state of the engine's own`));
    if (!kinds.has(step.actor)) {
      out.push(problem('PROCEDURE_ACTOR_UNKNOWN', `${at}.actor`, `"${step.actor}" is no unit kind: one of ${[...kinds].join(', ')}, or declare it under unitKinds`));
    }
    if (step.timeLimitWorkingDays === null || step.timeLimitWorkingDays < 1) out.push(problem('PROCEDURE_STEP_INVALID', `${at}.timeLimitWorkingDays`, 'a working step has a time limit of at least 1 working day'));
    if (ENGINE_ACTIONS.includes(step.advance ?? '')) out.push(problem('PROCEDURE_STEP_INVALID', `${at}.advance`, `"${step.advance}" is an action of the engine's own; name the step's own`));
  });
  if (def.rejectGrounds.length === 0) out.push(problem('PROCEDURE_DEFINITION_INVALID', 'rejectGrounds', 'a procedure gives at least one ground of refusal'));
  def.rejectGrounds.forEach((g, i) => {
    if (def.rejectGrounds.findIndex((o) => o.key === g.key) !== i) out.push(problem('PROCEDURE_DEFINITION_INVALID', `rejectGrounds[${i}].key`, `"${g.key}" is listed twice`));
  });
  def.documents.forEach((d, i) => {
    if (def.documents.findIndex((o) => o.key === d.key) !== i) out.push(problem('PROCEDURE_DEFINITION_INVALID', `documents[${i}].key`, `"${d.key}" is listed twice`));
  });
  if (def.intake.until !== null && def.intake.until < def.intake.from) out.push(problem('PROCEDURE_DEFINITION_INVALID', 'intake.until', 'is before intake.from'));
  if (def.intake.from < def.effectiveFrom) out.push(problem('PROCEDURE_DEFINITION_INVALID', 'intake.from', 'is before effectiveFrom: no dossier is taken before the text takes effect'));
  out.push(...contentProblems(def.content));
  if (out.length === 0) out.push(...graphProblems(def));
  return out;
}

function contentProblems(content: object): DefinitionProblem[] {
  if (!contentAjv.validateSchema(content)) {
    const e = contentAjv.errors?.[0];
    return [problem('PROCEDURE_CONTENT_SCHEMA_INVALID', pathOf(`/content${e?.instancePath ?? ''}`), `is not a valid JSON Schema: ${e?.message ?? 'invalid'}`)];
  }
  try {
    contentAjv.compile(content);
  } catch (e) {
    return [problem('PROCEDURE_CONTENT_SCHEMA_INVALID', 'content', `is not a valid JSON Schema: ${(e as Error).message}`)];
  }
  return [];
}

/** On the compiled machine: every step reached from a new dossier, every state able to end, the outcome reached. */
function graphProblems(def: ProcedureDefinition): DefinitionProblem[] {
  const machine = createProcedureMachine(def);
  const context = { signed: true, channel: 'online' as const, returnTo: null, supplementRequests: 0, accepted: false };
  const edges = new Map<string, string[]>();
  const queue = ['submission'];
  while (queue.length) {
    const state = queue.shift()!;
    const targets = getNextTransitions(machine.resolveState({ value: state, context }))
      .flatMap((t) => (t.target ?? []).map((n) => n.key));
    edges.set(state, targets);
    for (const t of targets) if (!edges.has(t) && !queue.includes(t)) queue.push(t);
  }
  const finals = new Set([def.outcome, 'rejected', 'withdrawn']);
  const ends = (from: string, seen = new Set<string>()): boolean =>
    finals.has(from) || (!seen.has(from) && (seen.add(from), (edges.get(from) ?? []).some((t) => ends(t, seen))));
  const out: DefinitionProblem[] = [];
  def.steps.forEach((step, i) => {
    if (!edges.has(step.key)) out.push(problem('PROCEDURE_STEP_UNREACHABLE', `steps[${i}]`, `no dossier ever reaches "${step.key}"`));
    else if (!ends(step.key)) out.push(problem('PROCEDURE_STEP_UNREACHABLE', `steps[${i}]`, `a dossier at "${step.key}" can never finish`));
  });
  if (!edges.has(def.outcome)) out.push(problem('PROCEDURE_STEP_UNREACHABLE', 'outcome', `no dossier ever reaches "${def.outcome}"`));
  return out;
}

/**
 * A document as a procedure version, or every problem found (the first of the shape, else all of
 * the meaning). `registeredKinds`: unit kinds earlier deployments registered.
 */
export function checkDefinition(document: unknown, registeredKinds: readonly string[] = []): Checked {
  if (!validShape(document)) return { ok: false, problems: [shapeProblem(validShape.errors![0])] };
  const definition = document as unknown as ProcedureDefinition;
  const problems = meaningProblems(definition, registeredKinds);
  return problems.length ? { ok: false, problems } : { ok: true, definition };
}
