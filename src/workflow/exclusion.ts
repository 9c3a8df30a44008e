// Pure: the workers a step leaves out of a dossier (Decision 15/2020/QĐ-TTg art. 2 cl. 4; Decision
// 23/2021/QĐ-TTg art. 16 cl. 4: the district appraises a list, the province approves a list). A
// worker is named by n, the 1-based position in the submitted list, never renumbered; the findings
// are recomputed on the workers left. Steps that decide on a list (appraise, approve, disburse) share it.
import { eligibilityFindings, type EligibilityFindings, type EligibilityInput, type Finding } from './eligibility';
import type { ActionName, ProcedureDefinition } from './types';

/** The actions that take `data.exclude`: the steps that decide on the list of workers. */
export const EXCLUDING_ACTIONS: readonly ActionName[] = ['appraise', 'approve'];

/**
 * The actions of `procedure` that take `data.exclude`: appraise and approve, and in a version
 * without a People's Committee step (wage-loan v2) the bank's disburse, which then decides on the list.
 */
export function excludingActions(procedure: Pick<ProcedureDefinition, 'steps'>): readonly ActionName[] {
  return approvingAction(procedure) === 'disburse' ? [...EXCLUDING_ACTIONS, 'disburse'] : EXCLUDING_ACTIONS;
}

/** The action that approves the list of workers: approve, or disburse where no People's Committee approves. */
export function approvingAction(procedure: Pick<ProcedureDefinition, 'steps'>): ActionName | null {
  const advances = procedure.steps.map((s) => s.advance);
  if (advances.includes('approve')) return 'approve';
  return advances.includes('disburse') ? 'disburse' : null;
}

/** One worker a step leaves out, as the action sends it. */
export interface ExclusionRequest {
  worker: number;
  ground: string;
  reason: string;
}

/** One worker left out, as the dossier keeps it: by whom (the step) and why. */
export interface ExcludedWorker {
  n: number;
  ground: string;
  reason: string;
  step: string;
}

export type ExclusionViolation =
  | { code: 'DOSSIER_EXCLUSION_INVALID'; status: 400; field: 'data.exclude'; message: string }
  | { code: 'DOSSIER_INELIGIBLE_MUST_REJECT'; status: 422; field: null; message: string };

/** The workers after a step's exclusions: who is out (earlier steps' first), and the findings on those left. */
export interface WorkersLeft {
  excluded: ExcludedWorker[];
  /** Computed on the workers left; each worker keeps its index and n in the submitted list. */
  findings: EligibilityFindings;
}

export type ExclusionOutcome = { kind: 'refused'; violation: ExclusionViolation } | ({ kind: 'left' } & WorkersLeft);

/** What a step that decides on the list is given. */
export interface ListStep {
  step: string;
  /** The step's action approves the list: the workers the findings block are left out with their finding as reason. */
  approves: boolean;
  requests: unknown;
}

/** The ground that a blocking finding about a worker stands for, when approval leaves the worker out unasked. */
const GROUND_OF: Partial<Record<Finding['rule'], string>> = {
  PERIOD_OUTSIDE_PROGRAMME: 'not-in-programme-period',
  START_OUTSIDE_PROGRAMME: 'not-in-programme-period',
};
const DEFAULT_GROUND = 'ineligible';

const invalid = (message: string): ExclusionOutcome => ({ kind: 'refused', violation: { code: 'DOSSIER_EXCLUSION_INVALID', status: 400, field: 'data.exclude', message } });

function parsed(requests: unknown, procedure: Pick<ProcedureDefinition, 'rejectGrounds'>, count: number, already: ReadonlySet<number>): ExclusionRequest[] | ExclusionOutcome {
  if (requests === undefined || requests === null) return [];
  if (!Array.isArray(requests)) return invalid('data.exclude must be a list of { worker, ground, reason }');
  const seen = new Set<number>();
  const grounds = procedure.rejectGrounds.map((g) => g.key);
  for (const [i, r] of requests.entries()) {
    const at = `data.exclude[${i}]`;
    if (typeof r !== 'object' || r === null || Array.isArray(r)) return invalid(`${at} must be { worker, ground, reason }`);
    const extra = Object.keys(r).filter((k) => !['worker', 'ground', 'reason'].includes(k));
    if (extra.length) return invalid(`${at} has unknown fields: ${extra.join(', ')}`);
    const { worker, ground, reason } = r as Record<string, unknown>;
    if (typeof worker !== 'number' || !Number.isInteger(worker) || worker < 1 || worker > count) {
      return invalid(`${at}.worker must be a worker's number n, 1 to ${count}`);
    }
    if (already.has(worker)) return invalid(`${at}.worker: worker ${worker} was already excluded`);
    if (seen.has(worker)) return invalid(`${at}.worker: worker ${worker} is listed twice`);
    seen.add(worker);
    if (typeof ground !== 'string' || !grounds.includes(ground)) return invalid(`${at}.ground must be one of: ${grounds.join(', ')}`);
    if (typeof reason !== 'string' || reason.trim().length === 0) return invalid(`${at}.reason is required (free text)`);
    if (reason.length > 2000) return invalid(`${at}.reason is longer than 2000 characters`);
  }
  return requests as ExclusionRequest[];
}

/** The findings on the workers whose n is not in `out`, each worker keeping its place in the submitted list. */
export function findingsWithout(rules: ProcedureDefinition['eligibility'], input: EligibilityInput, out: ReadonlySet<number>): EligibilityFindings {
  const positions = input.workers.map((_, i) => i).filter((i) => !out.has(i + 1));
  const findings = eligibilityFindings(rules, { ...input, workers: positions.map((i) => input.workers[i]) });
  return { ...findings, workers: findings.workers.map((w, k) => ({ ...w, index: positions[k], n: positions[k] + 1 })) };
}

/**
 * The workers a step leaves out and the findings on the others. Approval also leaves out the
 * workers the findings block (so `approve` without a list approves every eligible worker), and is
 * refused when none is left or a finding blocks the dossier itself (a loan's term above the law's).
 */
export function excluding(procedure: Pick<ProcedureDefinition, 'rejectGrounds' | 'eligibility'>, input: EligibilityInput, before: readonly ExcludedWorker[], list: ListStep): ExclusionOutcome {
  const already = new Set(before.map((e) => e.n));
  const requests = parsed(list.requests, procedure, input.workers.length, already);
  if (!Array.isArray(requests)) return requests;
  const excluded = [...before, ...requests.map((r) => ({ n: r.worker, ground: r.ground, reason: r.reason.trim(), step: list.step }))];
  let findings = findingsWithout(procedure.eligibility, input, new Set(excluded.map((e) => e.n)));
  if (list.approves) {
    const blocked = findings.workers.filter((w) => w.blocking);
    for (const w of blocked) {
      const first = w.findings.find((f) => f.blocking)!;
      excluded.push({ n: w.n, ground: GROUND_OF[first.rule] ?? DEFAULT_GROUND, reason: first.reasonVi, step: list.step });
    }
    if (blocked.length) findings = findingsWithout(procedure.eligibility, input, new Set(excluded.map((e) => e.n)));
  }
  const noneLeft = findings.totals.eligibleWorkers === 0;
  if ((noneLeft && (list.approves || requests.length > 0)) || (list.approves && findings.blocking)) {
    return {
      kind: 'refused',
      violation: {
        code: 'DOSSIER_INELIGIBLE_MUST_REJECT',
        status: 422,
        field: null,
        message: noneLeft
          ? 'no eligible worker is left in this dossier (see its eligibility findings and exclusions): it can only be refused (reject with a ground)'
          : 'the law excludes this dossier (see its eligibility findings): it cannot be approved, only refused (reject with a ground)',
      },
    };
  }
  return { kind: 'left', excluded, findings };
}
