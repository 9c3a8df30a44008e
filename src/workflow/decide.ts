// Pure: machines decide, services act. XState's pure transition turns a stored snapshot and an
// event into a decision value; nothing here touches a database, the network or the clock.
import { type AnyActorScope, type AnyStateMachine, createActor, getNextTransitions } from 'xstate';
import { AWAITING_SUPPLEMENT, DISBURSING, type DossierInput } from './procedure.machine';
import type { Procedure } from './definitions';
import { legalViolation, type LegalEvent } from './legal-rules';
import { ruleViolation, type RuleViolation } from './rules';
import type { ActionEvent, ActionName, DossierContext, DossierStatus, StepDefinition } from './types';

/** What a row stores: XState's persisted snapshot, restorable with resolveState. */
export interface StoredSnapshot<TContext = DossierContext, TState extends string = string> {
  value: TState;
  context: TContext;
  [key: string]: unknown;
}

/** The machine moved: the snapshot to store and where it went. */
export interface Transition<S extends StoredSnapshot<unknown>> {
  kind: 'decision';
  snapshot: S;
  fromState: S['value'];
  toState: S['value'];
  final: boolean;
}

/** Not an event of the current state (409), a business rule refused it (its own status), or a decision. */
export type Decided<S extends StoredSnapshot<unknown>, V, D extends Transition<S> = Transition<S>> =
  | { kind: 'not-available'; available: string[] }
  | ([V] extends [never] ? never : { kind: 'rule'; violation: V })
  | D;

type Rules<S extends StoredSnapshot<unknown>, E, V> = (context: S['context'], event: E) => V | null;

function restore(machine: AnyStateMachine, stored: StoredSnapshot<unknown>) {
  return machine.resolveState({ value: stored.value, context: stored.context });
}

function persist<S extends StoredSnapshot<unknown>>(machine: AnyStateMachine, snapshot: ReturnType<AnyStateMachine['resolveState']>): S {
  return machine.getPersistedSnapshot(snapshot) as unknown as S;
}

// XState's pure transition() and initialTransition() build an inert actor scope (and an actor whose
// initial snapshot is computed) on every call; docs/benchmarks.md has what that cost. The machines
// start no actors and their actions are assign()s, which XState applies inside the transition, so
// one inert scope per machine (the shape transition() builds, actions dropped as transition() leaves
// them unexecuted) serves every call alike.
const SCOPES = new WeakMap<AnyStateMachine, AnyActorScope>();

function inertScope(machine: AnyStateMachine): AnyActorScope {
  let scope = SCOPES.get(machine);
  if (!scope) {
    const self = createActor(machine);
    const nothing = () => {};
    scope = { self, id: '', sessionId: '', system: self.system, logger: nothing, defer: nothing, emit: nothing, stopChild: nothing, actionExecutor: nothing };
    SCOPES.set(machine, scope);
  }
  return scope;
}

/** The stored snapshot of a new aggregate, before any event. */
export function start<S extends StoredSnapshot<unknown>>(machine: AnyStateMachine, input?: unknown): S {
  return persist<S>(machine, machine.getInitialSnapshot(inertScope(machine), input));
}

// Which events a state accepts depends on the state alone (guards are not evaluated), so XState is
// asked once per machine and state: views list the actions of every dossier they show.
const EVENTS = new WeakMap<AnyStateMachine, Map<string, readonly string[]>>();

function eventTypes(machine: AnyStateMachine, stored: StoredSnapshot<unknown>): readonly string[] {
  let byState = EVENTS.get(machine);
  if (!byState) EVENTS.set(machine, (byState = new Map()));
  const key = typeof stored.value === 'string' ? stored.value : JSON.stringify(stored.value);
  let types = byState.get(key);
  if (!types) {
    const all = getNextTransitions(restore(machine, stored)).map((t) => t.eventType);
    types = [...new Set(all.filter((type) => type !== '' && !type.startsWith('xstate.')))];
    byState.set(key, types);
  }
  return types;
}

/** The events the state accepts, before rules and permissions, as XState lists them. */
export function eventsIn(machine: AnyStateMachine, stored: StoredSnapshot<unknown>): string[] {
  return [...eventTypes(machine, stored)];
}

/**
 * One event on a stored snapshot: available in the state (else `not-available`), within the rules
 * (else `rule`, the violation saying why and with which status), then XState's transition.
 */
export function decide<S extends StoredSnapshot<unknown>, E extends { type: string }, V = never>(
  machine: AnyStateMachine,
  stored: S,
  event: E,
  rules: Rules<S, E, V> = () => null,
): Decided<S, V> {
  const available = eventTypes(machine, stored);
  if (!available.includes(event.type)) return { kind: 'not-available', available: [...available] };
  const violation = rules(stored.context, event);
  if (violation) return { kind: 'rule', violation } as Decided<S, V>;
  const snapshot = restore(machine, stored);
  // The event is the state's, but no guard lets it through (a supplement for a step that did not ask).
  if (!snapshot.can(event)) return { kind: 'not-available', available: [...available] };
  const next = machine.transition(snapshot, event, inertScope(machine));
  return { kind: 'decision', snapshot: persist<S>(machine, next), fromState: stored.value, toState: next.value as S['value'], final: next.status === 'done' };
}

// ---- Dossiers: a procedure's machine, its rules, and what a move means for the steps' clocks.

/** What a move from one state to another means for the dossier's steps and clocks. */
export interface DossierMove {
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
  /** The dossier's time limits end here: a final state, or the loan signed (the payments that follow are the bank's). */
  endsClock: boolean;
}

/** A dossier's decision: the transition and what it means for the current step. */
export interface Decision extends Transition<StoredSnapshot>, DossierMove {}

const FINAL_STATUS: Record<string, DossierStatus> = {
  approved: 'approved', disbursed: 'disbursed', rejected: 'rejected', withdrawn: 'withdrawn',
};

export function statusOf(state: string): DossierStatus {
  if (state === AWAITING_SUPPLEMENT) return 'awaiting-supplement';
  if (state === DISBURSING) return 'disbursing';
  return FINAL_STATUS[state] ?? 'processing';
}

export function isFinal(state: string): boolean {
  return state in FINAL_STATUS;
}

export function stepOf(procedure: Procedure, state: string): StepDefinition | null {
  return procedure.steps.find((s) => s.key === state) ?? null;
}

/** The step whose unit acts in `state`: the state's own, or while a loan is paid out, the bank's that lent it. */
export function stepActingIn(procedure: Pick<Procedure, 'steps'>, state: string): string {
  if (state !== DISBURSING) return state;
  return procedure.steps.find((s) => s.advance === 'disburse')?.key ?? state;
}

/** The snapshot of a dossier just received, before its `submit`. */
export function startDossier(procedure: Procedure, input: DossierInput): StoredSnapshot {
  return start<StoredSnapshot>(procedure.machine, input);
}

/** The actions the dossier's state accepts, before rules and permissions. */
export function actionsIn(procedure: Procedure, stored: StoredSnapshot): ActionName[] {
  // `accept` is listed by the state whatever its guard: once accepted, it is no longer offered.
  const actions = eventsIn(procedure.machine, stored) as ActionName[];
  return stored.context.accepted === false ? actions : actions.filter((a) => a !== 'accept');
}

/** decide() with the procedure's machine and rules; a move says what happens to the step's clock. */
export function decideAction(procedure: Procedure, stored: StoredSnapshot, event: ActionEvent & LegalEvent): Decided<StoredSnapshot, RuleViolation, Decision> {
  const available = actionsIn(procedure, stored);
  if (!available.includes(event.type)) return { kind: 'not-available', available };
  const decided = decide(procedure.machine, stored, event, (context: DossierContext, e: ActionEvent & LegalEvent) => ruleViolation(context, e) ?? legalViolation(procedure, context, e));
  if (decided.kind !== 'decision') return decided;
  return { ...decided, ...moveOf(procedure, decided.fromState, decided.toState), final: decided.final };
}

/** The meaning of a move between two states of a procedure; also read back from a dossier's history. */
export function moveOf(procedure: Procedure, fromState: string, toState: string): DossierMove {
  const step = stepOf(procedure, toState);
  const resumed = fromState === AWAITING_SUPPLEMENT && step !== null;
  return {
    fromState,
    toState,
    status: statusOf(toState),
    step,
    // A transition within a step (accept) starts no new clock.
    enteredStep: step !== null && !resumed && fromState !== toState,
    pausedStep: toState === AWAITING_SUPPLEMENT,
    resumedStep: resumed,
    final: isFinal(toState),
    endsClock: (isFinal(toState) || toState === DISBURSING) && fromState !== DISBURSING,
  };
}
