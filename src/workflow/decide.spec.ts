import fc from 'fast-check';
import { ActionNotAvailableError, decide, RuleViolationError, start, statusOf, type StoredSnapshot } from './decide';
import { findProcedure, PROCEDURES, type Procedure } from './procedures';
import { ACTIONS, type ActionEvent, type ActionName } from './types';

const unpaid = findProcedure('unpaid-leave-support', 1)!;
const loan = findProcedure('wage-loan-support', 1)!;
const online = { signed: true, channel: 'online' as const };

function event(type: ActionName, extra: Partial<ActionEvent> = {}): ActionEvent {
  const base: ActionEvent = { type };
  if (type === 'reject' || type === 'request-supplement') base.reason = 'thiếu danh sách';
  if (type === 'disburse') base.data = { contractNumber: 'HD-01', amount: 1000000 };
  return { ...base, ...extra };
}

function walk(procedure: Procedure, actions: ActionName[]): StoredSnapshot {
  return actions.reduce((s, a) => decide(procedure, s, event(a)).snapshot, start(procedure, online));
}

describe('procedure machines', () => {
  it('walks unpaid-leave-support through its four steps to approved', () => {
    const states: string[] = [];
    let s = start(unpaid, online);
    for (const a of ['submit', 'confirm', 'appraise', 'approve'] as ActionName[]) {
      const d = decide(unpaid, s, event(a));
      states.push(d.toState);
      s = d.snapshot;
    }
    expect(states).toEqual(['insurance-confirmation', 'district-appraisal', 'provincial-approval', 'approved']);
    expect(statusOf(s.value)).toBe('approved');
  });

  it('walks wage-loan-support through bank lending to disbursed', () => {
    const s = walk(loan, ['submit', 'confirm', 'appraise', 'approve']);
    expect(s.value).toBe('bank-lending');
    const d = decide(loan, s, event('disburse'));
    expect(d.toState).toBe('disbursed');
    expect(d.final).toBe(true);
  });

  it('returns a supplement to the step that asked, pausing then resuming its clock', () => {
    const atDistrict = walk(unpaid, ['submit', 'confirm']);
    const asked = decide(unpaid, atDistrict, event('request-supplement'));
    expect(asked).toMatchObject({ toState: 'awaiting-supplement', status: 'awaiting-supplement', pausedStep: true, step: null });
    const back = decide(unpaid, asked.snapshot, event('supplement'));
    expect(back).toMatchObject({ toState: 'district-appraisal', resumedStep: true, enteredStep: false });
    expect(back.snapshot.context.supplementRequests).toBe(1);
  });

  it('refuses paper copies of a signed online dossier, but allows them for an unsigned one', () => {
    const s = walk(unpaid, ['submit']);
    expect(() => decide(unpaid, s, event('request-supplement', { channel: 'paper' }))).toThrow(RuleViolationError);
    const unsigned = decide(unpaid, start(unpaid, { signed: false, channel: 'online' }), event('submit')).snapshot;
    expect(decide(unpaid, unsigned, event('request-supplement', { channel: 'paper' })).toState).toBe('awaiting-supplement');
  });

  it('requires a reason to reject and disburse data to disburse', () => {
    const s = walk(unpaid, ['submit']);
    expect(() => decide(unpaid, s, { type: 'reject', reason: '  ' })).toThrow(/reason is required/);
    const bank = walk(loan, ['submit', 'confirm', 'appraise', 'approve']);
    expect(() => decide(loan, bank, { type: 'disburse', data: { contractNumber: 'X' } })).toThrow(/data.amount/);
  });

  it('gives version 2 of unpaid leave the Decision 23/2021 limits', () => {
    const v2 = findProcedure('unpaid-leave-support', 2)!;
    expect(v2.steps.map((s) => s.timeLimitWorkingDays)).toEqual([null, 2, 2, 2]);
    expect(unpaid.steps.map((s) => s.timeLimitWorkingDays)).toEqual([null, 3, 3, 2]);
  });

  // Every state × every action: exactly the actions of API.md's table are available.
  const expected: Record<string, ActionName[]> = {
    submission: ['submit', 'withdraw'],
    'insurance-confirmation': ['confirm', 'reject', 'request-supplement', 'withdraw'],
    'district-appraisal': ['appraise', 'reject', 'request-supplement', 'withdraw'],
    'provincial-approval': ['approve', 'reject', 'withdraw'],
    'bank-lending': ['disburse', 'reject', 'withdraw'],
    'awaiting-supplement': ['supplement', 'withdraw'],
    approved: [], disbursed: [], rejected: [], withdrawn: [],
  };
  const reach: Record<string, ActionName[]> = {
    submission: [], 'insurance-confirmation': ['submit'], 'district-appraisal': ['submit', 'confirm'],
    'provincial-approval': ['submit', 'confirm', 'appraise'], 'bank-lending': ['submit', 'confirm', 'appraise', 'approve'],
    'awaiting-supplement': ['submit', 'request-supplement'], approved: ['submit', 'confirm', 'appraise', 'approve'],
    disbursed: ['submit', 'confirm', 'appraise', 'approve', 'disburse'], rejected: ['submit', 'reject'], withdrawn: ['withdraw'],
  };
  for (const [state, path] of Object.entries(reach)) {
    const procedure = state === 'bank-lending' || state === 'disbursed' ? loan : unpaid;
    for (const action of ACTIONS) {
      const allowed = expected[state].includes(action);
      it(`${state} × ${action}: ${allowed ? 'moves' : '409'}`, () => {
        const s = walk(procedure, path);
        expect(s.value).toBe(state);
        if (allowed) expect(decide(procedure, s, event(action)).toState).not.toBe(state);
        else expect(() => decide(procedure, s, event(action))).toThrow(ActionNotAvailableError);
      });
    }
  }

  it('never reaches an invalid state or skips a step, whatever the events (property)', () => {
    for (const procedure of PROCEDURES) {
      const order = procedure.steps.map((s) => s.key);
      const valid = new Set([...order, 'awaiting-supplement', procedure.outcome, 'rejected', 'withdrawn']);
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...ACTIONS), { maxLength: 30 }), fc.boolean(), (actions, paper) => {
          let s = start(procedure, online);
          let furthest = 0;
          for (const a of actions) {
            let d;
            try {
              d = decide(procedure, s, event(a, paper ? { channel: 'paper' } : {}));
            } catch (e) {
              if (!(e instanceof ActionNotAvailableError || e instanceof RuleViolationError)) throw e;
              continue;
            }
            expect(valid.has(d.toState)).toBe(true);
            const index = order.indexOf(d.toState);
            if (index >= 0) {
              // Moving forward goes one step at a time; going back happens only to the step that asked.
              expect(index).toBeLessThanOrEqual(furthest + 1);
              furthest = Math.max(furthest, index);
            }
            if (d.toState === procedure.outcome) expect(furthest).toBe(order.length - 1);
            s = d.snapshot;
          }
        }),
        { numRuns: 2000 },
      );
    }
  });
});
