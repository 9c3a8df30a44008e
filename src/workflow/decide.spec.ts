import fc from 'fast-check';
import { initialTransition, transition } from 'xstate';
import { actionsIn, decideAction, type Decision, isFinal, startDossier, statusOf, type StoredSnapshot } from './decide';
import { findProcedure, PROCEDURES, type Procedure } from './definitions';
import { excluding, type ExcludedWorker } from './exclusion';
import { ACTIONS, type ActionEvent, type ActionName } from './types';

const unpaid = findProcedure('unpaid-leave-support', 1)!;
const loan = findProcedure('wage-loan-support', 1)!;
const online = { signed: true, channel: 'online' as const };
const REASON = 'thiếu danh sách';
const DISBURSAL = { contractNumber: 'HD-01', amount: 1000000 };

// ---------------------------------------------------------------------------------------------
// The specification, written here independently of procedure-machine.ts: docs/api.md's table of the
// actions each step accepts, and docs/domain.md's order of the steps.
// ---------------------------------------------------------------------------------------------

/** The action that completes each working step (docs/api.md). */
const ADVANCE: Record<string, ActionName> = {
  submission: 'submit',
  'insurance-confirmation': 'confirm',
  'district-appraisal': 'appraise',
  'provincial-approval': 'approve',
  'bank-lending': 'disburse',
};
/** The steps whose unit may ask for a supplement (docs/api.md). */
const MAY_ASK_SUPPLEMENT = new Set(['insurance-confirmation', 'district-appraisal']);
/** docs/domain.md: the steps of each procedure version, in order, and the outcome after the last one. */
const SPEC: Record<string, { steps: string[]; outcome: string }> = {
  'unpaid-leave-support@1': { steps: ['submission', 'insurance-confirmation', 'district-appraisal', 'provincial-approval'], outcome: 'approved' },
  'unpaid-leave-support@2': { steps: ['submission', 'insurance-confirmation', 'district-appraisal', 'provincial-approval'], outcome: 'approved' },
  'wage-loan-support@1': {
    steps: ['submission', 'insurance-confirmation', 'district-appraisal', 'provincial-approval', 'bank-lending'],
    outcome: 'disbursed',
  },
  // Decision 23/2021: no People's Committee steps.
  'wage-loan-support@2': { steps: ['submission', 'insurance-confirmation', 'bank-lending'], outcome: 'disbursed' },
};
/** The model's key of a procedure version. */
const specKey = (p: { code: string; version: number }) => `${p.code}@${p.version}`;

type Final = 'approved' | 'disbursed' | 'rejected' | 'withdrawn';

/** A tiny model of a dossier: where it is, which step asked for a supplement, whether it is over. */
interface Model {
  signed: boolean;
  channel: 'online' | 'paper';
  /** Index in SPEC.steps of the current step (while awaiting: of the step that asked). */
  index: number;
  awaiting: boolean;
  /** Index of the step a supplement returns to; set by request-supplement, cleared by supplement. */
  returnTo: number | null;
  final: Final | null;
  supplementRequests: number;
  /** The receiving unit accepted it: accept, or its first other action but a refusal (docs/api.md "Acceptance"). */
  accepted: boolean;
  /** The bank's loan once signed (docs/api.md "The bank's loan"): its amount and what was paid so far. */
  loan: { amount: number; paid: number } | null;
  /** Signed, not yet paid out in full: only record-payment is taken. */
  disbursing: boolean;
}

type Outcome = { refused: 'not-available' } | { refused: 'rule'; code: string } | { next: Model };

const hasText = (v: unknown) => typeof v === 'string' && v.replace(/[\s\p{Cc}\p{Cf}]/gu, '') !== '';

function modelState(code: string, m: Model): string {
  if (m.final) return m.final;
  if (m.disbursing) return 'disbursing';
  return m.awaiting ? 'awaiting-supplement' : SPEC[code].steps[m.index];
}

function modelActions(code: string, m: Model): ActionName[] {
  if (m.final) return [];
  if (m.disbursing) return ['record-payment'];
  if (m.awaiting) return ['supplement', 'withdraw'];
  const step = SPEC[code].steps[m.index];
  if (step === 'submission') return ['submit', 'withdraw'];
  const accept = m.index === 1 && !m.accepted ? (['accept'] as const) : [];
  return [ADVANCE[step], 'reject', ...(MAY_ASK_SUPPLEMENT.has(step) ? (['request-supplement'] as const) : []), 'withdraw', ...accept];
}

/** The refusal grounds of every version (DOMAIN: a closed list in the definition; none about paper). */
const GROUNDS = ['ineligible', 'no-social-insurance', 'not-in-programme-period', 'incomplete-after-supplement', 'duplicate', 'withdrawn-by-employer'];

function modelRule(code: string, m: Model, e: ModelEvent): string | null {
  if ((e.type === 'reject' || e.type === 'request-supplement') && !hasText(e.reason)) return 'DOSSIER_REASON_REQUIRED';
  if (e.type === 'request-supplement' && e.channel === 'paper' && m.signed && m.channel === 'online') return 'DOSSIER_PAPER_SUPPLEMENT_FORBIDDEN';
  if (e.type === 'disburse') {
    const amount = e.data?.amount;
    if (!hasText(e.data?.contractNumber) || typeof amount !== 'number' || !Number.isInteger(amount) || amount <= 0) return 'DOSSIER_DATA_REQUIRED';
  }
  if (e.ground && e.type !== 'reject') return 'DOSSIER_FIELD_NOT_EXPECTED';
  // Decree 61/2018: a supplement request says what it asks for, once per dossier.
  if (e.type === 'request-supplement' && !e.channel) return 'DOSSIER_SUPPLEMENT_ITEMS_REQUIRED';
  if (e.type === 'request-supplement' && m.supplementRequests >= 1) return 'DOSSIER_SUPPLEMENT_ALREADY_REQUESTED';
  // A refusal gives a ground from the closed list; the one answering a supplement request needs one.
  if (e.type === 'reject' && !e.ground) return 'DOSSIER_GROUND_REQUIRED';
  const grounds = code.startsWith('wage-loan-support') ? [...GROUNDS, 'loan-conditions-not-met'] : GROUNDS;
  if (e.type === 'reject' && !grounds.includes(e.ground!)) return 'DOSSIER_GROUND_UNKNOWN';
  if (e.type === 'reject' && e.ground === 'incomplete-after-supplement' && m.supplementRequests === 0) return 'DOSSIER_GROUND_NOT_APPLICABLE';
  if (e.type === 'disburse') return modelDisbursal(e.data!);
  if (e.type === 'record-payment') {
    const data = e.data ?? {};
    if (Object.keys(data).some((k) => !['month', 'amount', 'workers'].includes(k)) || !modelPaymentOk(data, true)) return 'DOSSIER_LOAN_DATA_INVALID';
    if (m.loan!.paid + (data.amount as number) > m.loan!.amount) return 'DOSSIER_PAYMENTS_ABOVE_LOAN';
  }
  return null;
}

// The loan's terms (Decision 15/2020 ch. VII; Decision 23/2021 art. 38–42): a term of 1 to 12 months, payments
// of a real month and a positive amount, to workers named once each, never beyond the loan.
const positive = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v > 0;
function modelPaymentOk(p: unknown, workersRequired: boolean): boolean {
  if (typeof p !== 'object' || p === null || Array.isArray(p)) return false;
  const { month, amount, workers, ...extra } = p as Record<string, unknown>;
  if (Object.keys(extra).length || typeof month !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month) || month < '1900' || month > '2100-12' || !positive(amount)) return false;
  if (workers === undefined) return !workersRequired;
  return Array.isArray(workers) && workers.length > 0 && workers.every(positive) && new Set(workers).size === workers.length;
}
function modelDisbursal(data: Record<string, unknown>): string | null {
  const term = data.termMonths;
  if (term !== undefined && !positive(term)) return 'DOSSIER_LOAN_DATA_INVALID';
  if ((term as number) > 12) return 'DOSSIER_LOAN_TERM_ABOVE_LIMIT';
  if (data.payments === undefined) return null;
  if (!Array.isArray(data.payments) || !data.payments.every((p) => modelPaymentOk(p, false))) return 'DOSSIER_LOAN_DATA_INVALID';
  return modelPaid(data) > (data.amount as number) ? 'DOSSIER_PAYMENTS_ABOVE_LOAN' : null;
}
/** Paid at disbursal: the payments listed, or without a list the whole amount at once. */
const modelPaid = (data: Record<string, unknown>) =>
  data.payments === undefined ? (data.amount as number) : (data.payments as { amount: number }[]).reduce((sum, p) => sum + p.amount, 0);

type ModelEvent = ActionEvent & { ground?: string | null };

/** What the specification says one event does to a dossier. */
function modelStep(code: string, m: Model, e: ModelEvent): Outcome {
  if (!modelActions(code, m).includes(e.type)) return { refused: 'not-available' };
  const rule = modelRule(code, m, e);
  if (rule) return { refused: 'rule', code: rule };
  const { steps, outcome } = SPEC[code];
  switch (e.type) {
    case 'withdraw':
      return { next: { ...m, final: 'withdrawn' } };
    case 'reject':
      return { next: { ...m, final: 'rejected' } };
    case 'request-supplement':
      return { next: { ...m, awaiting: true, returnTo: m.index, supplementRequests: m.supplementRequests + 1, accepted: true } };
    case 'accept':
      return { next: { ...m, accepted: true } };
    case 'supplement':
      return { next: { ...m, awaiting: false, index: m.returnTo!, returnTo: null } };
    case 'disburse': {
      const loan = { amount: e.data!.amount as number, paid: modelPaid(e.data!) };
      const done = loan.paid >= loan.amount;
      return { next: { ...m, loan, accepted: true, disbursing: !done, final: done ? (outcome as Final) : null } };
    }
    case 'record-payment': {
      const loan = { ...m.loan!, paid: m.loan!.paid + (e.data!.amount as number) };
      const done = loan.paid >= loan.amount;
      return { next: { ...m, loan, disbursing: !done, final: done ? (outcome as Final) : null } };
    }
    default: // the step's advance
      return m.index + 1 < steps.length ? { next: { ...m, index: m.index + 1, accepted: m.accepted || m.index > 0 } } : { next: { ...m, final: outcome as Final, accepted: true } };
  }
}

function initialModel(input: { signed: boolean; channel: 'online' | 'paper' }): Model {
  return { ...input, index: 0, awaiting: false, returnTo: null, final: null, supplementRequests: 0, accepted: false, loan: null, disbursing: false };
}

type MachineOutcome = { decision: Decision } | { refused: 'not-available' } | { refused: 'rule'; code: string };

/** What the machine does with one event, in the model's terms. */
function machineStep(procedure: Procedure, s: StoredSnapshot, e: ModelEvent): MachineOutcome {
  const decided = decideAction(procedure, s, e);
  if (decided.kind === 'not-available') return { refused: 'not-available' as const };
  if (decided.kind === 'rule') return { refused: 'rule' as const, code: decided.violation.code };
  return { decision: decided };
}

/** The decision, failing the test with the refusal when there is none. */
function moved(procedure: Procedure, s: StoredSnapshot, e: ModelEvent): Decision {
  const decided = decideAction(procedure, s, e);
  if (decided.kind !== 'decision') throw new Error(`expected a move on ${JSON.stringify(e)} in ${s.value}, got ${JSON.stringify(decided)}`);
  return decided;
}

/** Checks the machine against the model for one event; returns both next states. */
function stepBoth(procedure: Procedure, s: StoredSnapshot, m: Model, e: ModelEvent): { s: StoredSnapshot; m: Model } {
  const code = specKey(procedure);
  const expected = modelStep(code, m, e);
  const actual = machineStep(procedure, s, e);
  const where = `${procedure.code}@${procedure.version} in ${s.value} (returnTo ${s.context.returnTo}) on ${JSON.stringify(e)}`;
  if ('refused' in expected) {
    if ('decision' in actual) throw new Error(`${where}: expected refusal ${JSON.stringify(expected)}, machine moved to ${actual.decision.toState}`);
    expect({ where, ...actual }).toEqual({ where, ...expected });
    return { s, m };
  }
  if (!('decision' in actual)) throw new Error(`${where}: expected a move to ${modelState(code, expected.next)}, machine refused ${JSON.stringify(actual)}`);
  const d = actual.decision;
  const n = expected.next;
  const toState = modelState(code, n);
  expect({ where, toState: d.toState }).toEqual({ where, toState });
  expect(d.fromState).toBe(s.value);
  expect(d.snapshot.value).toBe(toState);
  expect(d.snapshot.context).toEqual({
    signed: n.signed, channel: n.channel, returnTo: n.returnTo === null ? null : SPEC[code].steps[n.returnTo], supplementRequests: n.supplementRequests,
    accepted: n.accepted, loan: n.loan ?? undefined,
  });
  expect(d.status).toBe(statusOf(toState));
  expect(d.final).toBe(n.final !== null);
  expect(d.pausedStep).toBe(!m.awaiting && n.awaiting && !n.final);
  expect(d.resumedStep).toBe(m.awaiting && !n.awaiting && !n.final);
  expect(d.enteredStep).toBe(!n.final && !n.awaiting && n.index !== m.index);
  expect(d.step?.key ?? null).toBe(n.final || n.awaiting || n.disbursing ? null : SPEC[code].steps[n.index]);
  expect(d.endsClock).toBe((n.final !== null || n.disbursing) && !m.disbursing);
  return { s: d.snapshot, m: n };
}

/** An event that satisfies every rule. */
function event(type: ActionName, extra: Partial<ModelEvent> = {}): ModelEvent {
  const base: ModelEvent = { type };
  if (type === 'reject' || type === 'request-supplement') base.reason = REASON;
  if (type === 'reject') base.ground = 'ineligible';
  if (type === 'request-supplement') base.channel = 'online';
  if (type === 'disburse') base.data = DISBURSAL;
  if (type === 'record-payment') base.data = PAYMENT;
  return { ...base, ...extra };
}

function walk(procedure: Procedure, actions: (ActionName | ModelEvent)[], input: { signed: boolean; channel: 'online' | 'paper' } = online): StoredSnapshot {
  return actions.reduce((s, a) => moved(procedure, s, typeof a === 'string' ? event(a) : a).snapshot, startDossier(procedure, input));
}

/** A loan signed with part of it paid, and the month's payment that follows. */
const PARTIAL_DISBURSAL = { contractNumber: 'HD-03', amount: 1000000, termMonths: 12, payments: [{ month: '2020-06', amount: 400000 }] };
const PAYMENT = { month: '2020-07', amount: 300000, workers: [1] };

/** The advances that take a fresh dossier to `steps[index]`. */
const pathTo = (code: string, index: number): ActionName[] => SPEC[code].steps.slice(0, index).map((k) => ADVANCE[k]);

/** Every state of a procedure, each with the path that reaches it and the model of it there. */
function statesOf(procedure: Procedure): { label: string; path: (ActionName | ModelEvent)[]; model: Model }[] {
  const { steps, outcome } = SPEC[specKey(procedure)];
  const base = initialModel(online);
  const states: { label: string; path: (ActionName | ModelEvent)[]; model: Model }[] = steps.map((key, index) => ({
    label: key, path: pathTo(specKey(procedure), index), model: { ...base, index, accepted: index > 1 },
  }));
  states.push({ label: `${steps[1]} (accepted)`, path: ['submit', 'accept'], model: { ...base, index: 1, accepted: true } });
  steps.forEach((key, index) => {
    if (!MAY_ASK_SUPPLEMENT.has(key)) return;
    states.push({
      label: `awaiting-supplement (asked by ${key})`,
      path: [...pathTo(specKey(procedure), index), 'request-supplement'],
      model: { ...base, index, awaiting: true, returnTo: index, supplementRequests: 1, accepted: true },
    });
  });
  const last = steps.length - 1;
  states.push(
    { label: outcome, path: pathTo(specKey(procedure), steps.length), model: { ...base, index: last, final: outcome as Final, accepted: true } },
    { label: 'rejected', path: ['submit', 'reject'], model: { ...base, index: 1, final: 'rejected' } },
    { label: 'withdrawn', path: ['withdraw'], model: { ...base, final: 'withdrawn' } },
  );
  if (outcome === 'disbursed') {
    const lent = { ...base, index: last, accepted: true, disbursing: true, loan: { amount: 1000000, paid: 400000 } };
    const signed: (ActionName | ModelEvent)[] = [...pathTo(specKey(procedure), last), { type: 'disburse', data: PARTIAL_DISBURSAL }];
    states.push(
      { label: 'disbursing', path: signed, model: lent },
      { label: 'disbursing (a payment later)', path: [...signed, { type: 'record-payment', data: PAYMENT }], model: { ...lent, loan: { amount: 1000000, paid: 700000 } } },
    );
  }
  return states;
}

describe('procedure definitions', () => {
  it.each(PROCEDURES.map((p) => [`${p.code}@${p.version}`, p] as const))('%s has the steps, actions and outcome of the spec', (_, p) => {
    expect(p.steps.map((s) => s.key)).toEqual(SPEC[specKey(p)].steps);
    expect(p.outcome).toBe(SPEC[specKey(p)].outcome);
    expect(p.steps.map((s) => s.advance)).toEqual(SPEC[specKey(p)].steps.map((k) => ADVANCE[k]));
    expect(p.steps.map((s) => s.maySupplement)).toEqual(SPEC[specKey(p)].steps.map((k) => MAY_ASK_SUPPLEMENT.has(k)));
  });

  it('gives version 2 of unpaid leave the Decision 23/2021 limits', () => {
    const v2 = findProcedure('unpaid-leave-support', 2)!;
    expect(v2.steps.map((s) => s.timeLimitWorkingDays)).toEqual([null, 2, 2, 2]);
    expect(unpaid.steps.map((s) => s.timeLimitWorkingDays)).toEqual([null, 3, 3, 2]);
  });

  it('gives version 2 of the wage loan BHXH 2 working days, then the bank 4, and no People\'s Committee', () => {
    const v2 = findProcedure('wage-loan-support', 2)!;
    expect(v2.steps.map((s) => [s.key, s.actor, s.timeLimitWorkingDays])).toEqual([
      ['submission', 'employer', null], ['insurance-confirmation', 'social-insurance', 2], ['bank-lending', 'social-policy-bank', 4],
    ]);
    expect(v2.steps.map((s) => s.order)).toEqual([1, 2, 3]);
  });
});

// Every procedure version × every state × every action: the exact target, or not available.
describe.each(PROCEDURES.map((p) => [`${p.code}@${p.version}`, p] as const))('%s: every state × every action', (_, procedure) => {
  describe.each(statesOf(procedure).map((st) => [st.label, st] as const))('in %s', (_label, st) => {
    it('is reached by its path and offers exactly the actions of docs/api.md', () => {
      const s = walk(procedure, st.path);
      expect(s.value).toBe(modelState(specKey(procedure), st.model));
      expect(new Set(actionsIn(procedure, s))).toEqual(new Set(modelActions(specKey(procedure), st.model)));
    });

    const cells = ACTIONS.map((action) => {
      const outcome = modelStep(specKey(procedure), st.model, event(action));
      return [action, 'next' in outcome ? modelState(specKey(procedure), outcome.next) : 'not available', outcome] as const;
    });
    it.each(cells)('%s → %s', (action, _target, outcome) => {
      const s = walk(procedure, st.path);
      if ('next' in outcome) {
        stepBoth(procedure, s, st.model, event(action));
      } else {
        expect(outcome).toEqual({ refused: 'not-available' });
        // Whatever the payload: not available in this state comes before any rule.
        for (const e of [event(action), { type: action }, { type: action, reason: '', channel: 'paper' as const, data: {} }]) {
          expect(decideAction(procedure, s, e)).toEqual({ kind: 'not-available', available: actionsIn(procedure, s) });
        }
      }
    });
  });
});

describe('business rules', () => {
  it('returns a supplement to the step that asked, pausing then resuming its clock', () => {
    const atDistrict = walk(unpaid, ['submit', 'confirm']);
    const asked = moved(unpaid, atDistrict, event('request-supplement'));
    expect(asked).toMatchObject({ toState: 'awaiting-supplement', status: 'awaiting-supplement', pausedStep: true, step: null });
    const back = moved(unpaid, asked.snapshot, event('supplement'));
    expect(back).toMatchObject({ toState: 'district-appraisal', resumedStep: true, enteredStep: false });
    expect(back.snapshot.context).toMatchObject({ supplementRequests: 1, returnTo: null });
  });

  it('refuses paper copies of a signed online dossier at every step that may ask, allows them otherwise', () => {
    for (const procedure of PROCEDURES) {
      for (const [index, key] of SPEC[specKey(procedure)].steps.entries()) {
        if (!MAY_ASK_SUPPLEMENT.has(key)) continue;
        const path = pathTo(specKey(procedure), index);
        const paper = event('request-supplement', { channel: 'paper' });
        expect(decideAction(procedure, walk(procedure, path), paper)).toEqual({
          kind: 'rule',
          violation: expect.objectContaining({ code: 'DOSSIER_PAPER_SUPPLEMENT_FORBIDDEN', status: 422 }),
        });
        for (const input of [{ signed: false, channel: 'online' as const }, { signed: true, channel: 'paper' as const }]) {
          expect(moved(procedure, walk(procedure, path, input), paper).toState).toBe('awaiting-supplement');
        }
      }
    }
  });

  it.each([
    ['reject', { type: 'reject' }, 'DOSSIER_REASON_REQUIRED'],
    ['reject', { type: 'reject', reason: '  ' }, 'DOSSIER_REASON_REQUIRED'],
    ['reject', { type: 'reject', reason: '\u200b\u0007 ' }, 'DOSSIER_REASON_REQUIRED'],
    ['request-supplement', { type: 'request-supplement', reason: null }, 'DOSSIER_REASON_REQUIRED'],
    ['disburse', { type: 'disburse' }, 'DOSSIER_DATA_REQUIRED'],
    ['disburse', { type: 'disburse', data: { contractNumber: 'X' } }, 'DOSSIER_DATA_REQUIRED'],
    ['disburse', { type: 'disburse', data: { contractNumber: 'X', amount: 1.5 } }, 'DOSSIER_DATA_REQUIRED'],
    ['disburse', { type: 'disburse', data: { contractNumber: ' ', amount: 100 } }, 'DOSSIER_DATA_REQUIRED'],
  ] as const)('refuses %s %j with %s', (_, e, code) => {
    const at = e.type === 'disburse' ? walk(loan, pathTo(specKey(loan), 4)) : walk(unpaid, ['submit']);
    expect(decideAction(e.type === 'disburse' ? loan : unpaid, at, e as ActionEvent)).toEqual({
      kind: 'rule',
      violation: expect.objectContaining({ code, status: 400 }),
    });
  });
});

// Random events, valid and invalid, checked after every one against the model above.
const reasonArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant(REASON) },
  { weight: 1, arbitrary: fc.constantFrom(undefined, null, '', '   ', '\t\n') },
  { weight: 1, arbitrary: fc.string() },
);
const channelArb = fc.constantFrom(undefined, null, 'online' as const, 'paper' as const);
const paymentArb = fc.record(
  {
    month: fc.oneof(fc.constantFrom('2020-07', '2021-12'), fc.constantFrom('2020-13', '2020-7', '', '1899-12')),
    amount: fc.oneof(fc.constantFrom(300000, 600000, 1000000), fc.constantFrom(0, -5, 1.5, '300000')),
    workers: fc.oneof(fc.constant([1]), fc.constant([1, 2]), fc.constantFrom([], [1, 1], [0], ['1'], 'all')),
  },
  { requiredKeys: ['month', 'amount'] },
);
const dataArb = fc.oneof(
  { weight: 4, arbitrary: fc.constant(DISBURSAL) },
  { weight: 3, arbitrary: fc.constant(PARTIAL_DISBURSAL) },
  { weight: 3, arbitrary: fc.constant(PAYMENT) },
  { weight: 2, arbitrary: paymentArb },
  {
    weight: 2,
    arbitrary: fc.record(
      { contractNumber: fc.constant('HD-04'), amount: fc.constant(1000000), termMonths: fc.constantFrom(1, 12, 13, 0, 2.5), payments: fc.array(paymentArb, { maxLength: 3 }) },
      { requiredKeys: ['contractNumber', 'amount'] },
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom(undefined, null, {}) },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        contractNumber: fc.oneof(fc.constant('HD-02'), fc.constantFrom('', '  '), fc.string(), fc.integer()),
        amount: fc.oneof(fc.integer(), fc.double(), fc.constant('1000000'), fc.constant(0)),
      },
      { requiredKeys: [] },
    ),
  },
);
/** An action name, or `forward`: whatever moves the dossier on from where it is now (so runs get deep). */
type Pick = ActionName | 'forward';
type RandomEvent = Omit<ModelEvent, 'type'> & { type: Pick };
const eventArb: fc.Arbitrary<RandomEvent> = fc
  .record({
    type: fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...ACTIONS) }, { weight: 1, arbitrary: fc.constant('forward' as const) }),
    reason: reasonArb,
    channel: channelArb,
    ground: fc.oneof(
      { weight: 6, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constantFrom('ineligible', 'incomplete-after-supplement', 'missing-paper-copies', 'loan-conditions-not-met') },
    ),
    data: dataArb,
    comment: fc.option(fc.string()),
  })
  .map((e) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined)) as unknown as RandomEvent);

/** Resolves `forward` with the model: submit, the step's advance, or supplement. */
function resolve(code: string, m: Model, e: RandomEvent): ModelEvent {
  return { ...e, type: e.type === 'forward' ? (modelActions(code, m)[0] ?? 'submit') : e.type };
}
const inputArb = fc.record({ signed: fc.boolean(), channel: fc.constantFrom('online' as const, 'paper' as const) });

describe.each(PROCEDURES.map((p) => [`${p.code}@${p.version}`, p] as const))('%s: random event sequences (property)', (_, procedure) => {
  it('agree with the model after every event: no skipped step, no move back but to the step that asked, finals absorb', () => {
    const steps = SPEC[specKey(procedure)].steps;
    fc.assert(
      fc.property(inputArb, fc.array(eventArb, { maxLength: 40 }), (input, events) => {
        let s = startDossier(procedure, input);
        let m = initialModel(input);
        for (const random of events) {
          const e = resolve(specKey(procedure), m, random);
          const before = { state: s.value, returnTo: s.context.returnTo };
          ({ s, m } = stepBoth(procedure, s, m, e));
          // The invariants the model implies, stated on the machine's own states.
          const from = steps.indexOf(before.state);
          const to = steps.indexOf(s.value);
          if (from >= 0 && to >= 0 && s.value !== before.state) expect(to).toBe(from + 1);
          if (before.state === 'awaiting-supplement' && to >= 0) expect(s.value).toBe(before.returnTo);
          if (s.value === procedure.outcome && before.state !== s.value) expect([steps.at(-1), 'disbursing']).toContain(before.state);
          if (isFinal(before.state)) expect(s.value).toBe(before.state);
          if (e.type === 'request-supplement' && e.channel === 'paper' && input.signed && input.channel === 'online') {
            expect(s.value).toBe(before.state);
          }
        }
      }),
      { numRuns: 1500 },
    );
  });

  /**
   * Random events resolved against the model, applied to the machine and the model side by side;
   * `visit` sees each step: the snapshot before, the event, the machine's outcome, the snapshot after.
   */
  function randomWalk(
    input: { signed: boolean; channel: 'online' | 'paper' },
    events: RandomEvent[],
    visit: (before: StoredSnapshot, e: ModelEvent, r: MachineOutcome, after: StoredSnapshot) => void,
  ): void {
    let s = startDossier(procedure, input);
    let m = initialModel(input);
    for (const random of events) {
      const e = resolve(specKey(procedure), m, random);
      const r = machineStep(procedure, s, e);
      const expected = modelStep(specKey(procedure), m, e);
      if ('next' in expected) m = expected.next;
      const after = 'decision' in r ? r.decision.snapshot : s;
      visit(s, e, r, after);
      s = after;
    }
  }

  it('moves exactly as XState\'s own pure transition() does, though it reuses one inert actor scope', () => {
    fc.assert(
      fc.property(inputArb, fc.array(eventArb, { maxLength: 40 }), (input, events) => {
        expect(startDossier(procedure, input)).toEqual(procedure.machine.getPersistedSnapshot(initialTransition(procedure.machine, input)[0]));
        randomWalk(input, events, (s, e, r) => {
          if (!('decision' in r)) return;
          const [next] = transition(procedure.machine, procedure.machine.resolveState({ value: s.value, context: s.context }), e);
          expect(r.decision.snapshot).toEqual(procedure.machine.getPersistedSnapshot(next));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('reaches every state of the procedure under random events (the property is not vacuous)', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(inputArb, fc.array(eventArb, { maxLength: 40 }), (input, events) => {
        randomWalk(input, events, (_s, _e, _r, after) => seen.add(after.value));
      }),
      { numRuns: 1500 },
    );
    const { outcome } = SPEC[specKey(procedure)];
    const all = [...SPEC[specKey(procedure)].steps, 'awaiting-supplement', outcome, 'rejected', 'withdrawn', ...(outcome === 'disbursed' ? ['disbursing'] : [])];
    expect([...seen].sort()).toEqual(all.sort());
  });
});

// ---------------------------------------------------------------------------------------------
// Exclusion and partial approval: the district appraises a list, the province approves a list
// (Decision 15/2020 art. 2 cl. 4). The model knows each worker only as eligible or not and the
// support a month of leave gives (docs/domain.md); the machine's side is excluding() and decide().
// ---------------------------------------------------------------------------------------------

const INSIDE = { from: '2020-04-01', to: '2020-05-31' }; // two whole months inside April–June 2020
const OUTSIDE = { from: '2020-07-01', to: '2020-09-30' };
const TWO_MONTHS = 2 * 1_800_000;

/** The exclusions a step sends: workers by n (maybe out of range or repeated), each with a ground and reason. */
const excludeArb = (count: number) =>
  fc.array(fc.record({ worker: fc.integer({ min: 0, max: count + 1 }), ground: fc.constantFrom('ineligible', 'duplicate', 'no-such-ground'), reason: fc.constantFrom('Đã nghỉ việc', ' ') }), { maxLength: 3 });

interface ListModel { eligible: boolean[]; out: Map<number, string> }

/** What the specification says a step's list does: a 400 for a bad list, a 422 with no eligible worker left, else who is out. */
function modelList(m: ListModel, step: string, approves: boolean, exclude: { worker: number; ground: string; reason: string }[]): { code: string } | ListModel {
  const seen = new Set<number>();
  for (const e of exclude) {
    if (e.worker < 1 || e.worker > m.eligible.length || m.out.has(e.worker) || seen.has(e.worker)) return { code: 'DOSSIER_EXCLUSION_INVALID' };
    seen.add(e.worker);
    if (!GROUNDS.includes(e.ground) || e.reason.trim() === '') return { code: 'DOSSIER_EXCLUSION_INVALID' };
  }
  const out = new Map(m.out);
  for (const e of exclude) out.set(e.worker, step);
  if (approves) m.eligible.forEach((ok, i) => !ok && !out.has(i + 1) && out.set(i + 1, step));
  const left = m.eligible.filter((ok, i) => ok && !out.has(i + 1)).length;
  if (left === 0 && (approves || exclude.length > 0)) return { code: 'DOSSIER_INELIGIBLE_MUST_REJECT' };
  return { eligible: m.eligible, out };
}

describe('exclusion and partial approval (property)', () => {
  const at = (procedure: Procedure, step: string) => walk(procedure, pathTo(specKey(procedure), SPEC[specKey(procedure)].steps.indexOf(step)));

  it('approves exactly the eligible workers neither step left out, refuses a bad list (400) and an empty one (422)', () => {
    const arb = fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }).chain((eligible) =>
      fc.tuple(fc.constant(eligible), excludeArb(eligible.length), excludeArb(eligible.length)),
    );
    fc.assert(
      fc.property(arb, ([eligible, atDistrict, atProvince]) => {
        const input = { workers: eligible.map((ok) => (ok ? INSIDE : OUTSIDE)), wageRegion: 1 as const };
        let model: ListModel = { eligible, out: new Map() };
        let s = at(unpaid, 'district-appraisal');
        let excluded: ExcludedWorker[] = [];
        for (const [type, exclude] of [['appraise', atDistrict], ['approve', atProvince]] as const) {
          const step = s.value;
          const expected = modelList(model, step, type === 'approve', exclude);
          const workers = excluding(unpaid, input, excluded, { step, approves: type === 'approve', requests: exclude });
          const decided = decideAction(unpaid, s, { type, data: { exclude }, facts: { insuranceSigned: true, eligibilityBlocking: false, loanCap: null, workers } });
          if ('code' in expected) {
            expect(decided).toEqual({ kind: 'rule', violation: expect.objectContaining({ code: expected.code }) });
            return;
          }
          if (decided.kind !== 'decision' || workers.kind !== 'left') throw new Error(`expected a move on ${JSON.stringify(exclude)}, got ${JSON.stringify(decided)}`);
          expect(new Map(workers.excluded.map((e) => [e.n, e.step]))).toEqual(expected.out);
          const left = eligible.map((_, i) => i + 1).filter((n) => !expected.out.has(n));
          expect(workers.findings.workers.map((w) => [w.n, w.index])).toEqual(left.map((n) => [n, n - 1]));
          const eligibleLeft = left.filter((n) => eligible[n - 1]).length;
          expect(workers.findings.totals).toMatchObject({ workers: left.length, eligibleWorkers: eligibleLeft, supportAmount: eligibleLeft * TWO_MONTHS });
          if (type === 'approve') expect([decided.toState, workers.findings.blocking]).toEqual(['approved', false]);
          ({ snapshot: s } = decided);
          excluded = workers.excluded;
          model = expected;
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('approves every eligible worker without a list, giving the blocked ones the ground their finding stands for', () => {
    const input = { workers: [INSIDE, OUTSIDE, INSIDE, { from: '2020-04-01', to: '2020-04-20' }], wageRegion: 1 as const };
    const workers = excluding(unpaid, input, [], { step: 'provincial-approval', approves: true, requests: undefined });
    expect(workers).toMatchObject({
      kind: 'left',
      excluded: [{ n: 2, ground: 'not-in-programme-period', step: 'provincial-approval' }, { n: 4, ground: 'ineligible', step: 'provincial-approval' }],
      findings: { totals: { workers: 2, eligibleWorkers: 2, supportAmount: 2 * TWO_MONTHS } },
    });
  });

  it('keeps judging a dossier without workers on its findings, and takes exclude only with appraise and approve', () => {
    const facts = { insuranceSigned: true, eligibilityBlocking: true, loanCap: null };
    expect(decideAction(unpaid, at(unpaid, 'provincial-approval'), { type: 'approve', facts })).toMatchObject({ kind: 'rule', violation: { code: 'DOSSIER_INELIGIBLE_MUST_REJECT' } });
    expect(decideAction(unpaid, at(unpaid, 'insurance-confirmation'), { type: 'confirm', data: { exclude: [] } })).toMatchObject({
      kind: 'rule', violation: { code: 'DOSSIER_FIELD_NOT_EXPECTED', field: 'data.exclude' },
    });
  });
});
