import { initialTransition, transition } from 'xstate';
import { AWAITING_SUPPLEMENT, type DossierInput } from './procedure-machine';
import type { Procedure } from './procedures';
import { ruleViolation, type RuleViolation } from './rules';
import type { ActionEvent, ActionName, DossierContext, DossierStatus, StepDefinition } from './types';

/** What is stored in the dossier row: XState's persisted snapshot, restorable with resolveState. */
export interface StoredSnapshot {
  value: string;
  context: DossierContext;
  [key: string]: unknown;
}

/** What a move from one state to another means for the dossier's steps and clocks. */
export interface Transition {
  fromState: string;
  toState: string;
  status: DossierStatus;
  /** The step held after the action, or null when waiting for the applicant or finished. */
  step: StepDefinition | null;
  /** The clock of a new step starts (a fresh time limit). */
  enteredStep: boolean;
  /** The step's clock pauses while the applicant supplements. */
  pausedStep: boolean;
  /** The step's clock resumes with its remaining working time. */
  resumedStep: boolean;
  final: boolean;
}

export interface Decision extends Transition {
  snapshot: StoredSnapshot;
}

export class ActionNotAvailableError extends Error {
  constructor(readonly action: string, readonly state: string, readonly available: ActionName[]) {
    super(`action "${action}" is not available in state "${state}"`);
  }
}

export class RuleViolationError extends Error {
  constructor(readonly violation: RuleViolation) {
    super(violation.message);
  }
}

const FINAL_STATUS: Record<string, DossierStatus> = {
  approved: 'approved', disbursed: 'disbursed', rejected: 'rejected', withdrawn: 'withdrawn',
};

export function statusOf(state: string): DossierStatus {
  if (state === AWAITING_SUPPLEMENT) return 'awaiting-supplement';
  return FINAL_STATUS[state] ?? 'processing';
}

export function isFinal(state: string): boolean {
  return state in FINAL_STATUS;
}

export function stepOf(procedure: Procedure, state: string): StepDefinition | null {
  return procedure.steps.find((s) => s.key === state) ?? null;
}

function persist(procedure: Procedure, snapshot: ReturnType<typeof initialTransition>[0]): StoredSnapshot {
  return procedure.machine.getPersistedSnapshot(snapshot as never) as unknown as StoredSnapshot;
}

function restore(procedure: Procedure, stored: StoredSnapshot) {
  return procedure.machine.resolveState({ value: stored.value, context: stored.context });
}

/** The snapshot of a dossier just received, before its `submit`. */
export function start(procedure: Procedure, input: DossierInput): StoredSnapshot {
  const [snapshot] = initialTransition(procedure.machine, input);
  return persist(procedure, snapshot);
}

/** The actions the state accepts, before rules and permissions. */
export function actionsIn(procedure: Procedure, stored: StoredSnapshot): ActionName[] {
  const node = procedure.machine.states[stored.value];
  return node ? (Object.keys(node.config.on ?? {}) as ActionName[]) : [];
}

/**
 * Runs XState's pure transition. Never touches a database: the caller turns the
 * decision into one transaction (dossier row, history event, outbox message).
 */
export function decide(procedure: Procedure, stored: StoredSnapshot, event: ActionEvent): Decision {
  const available = actionsIn(procedure, stored);
  if (!available.includes(event.type)) throw new ActionNotAvailableError(event.type, stored.value, available);
  const violation = ruleViolation(stored.context, event);
  if (violation) throw new RuleViolationError(violation);

  const [next] = transition(procedure.machine, restore(procedure, stored), event);
  const fromState = stored.value;
  const toState = next.value as string;
  if (toState === fromState) throw new ActionNotAvailableError(event.type, fromState, available);
  return { snapshot: persist(procedure, next), ...transitionOf(procedure, fromState, toState) };
}

/** The meaning of a move between two states of a procedure; also read back from a dossier's history. */
export function transitionOf(procedure: Procedure, fromState: string, toState: string): Transition {
  const step = stepOf(procedure, toState);
  const resumed = fromState === AWAITING_SUPPLEMENT && step !== null;
  return {
    fromState,
    toState,
    status: statusOf(toState),
    step,
    enteredStep: step !== null && !resumed,
    pausedStep: toState === AWAITING_SUPPLEMENT,
    resumedStep: resumed,
    final: isFinal(toState),
  };
}
