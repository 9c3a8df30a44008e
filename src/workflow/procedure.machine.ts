// Pure: the XState machine of a procedure version, built from its steps.
import { and, assign, setup } from 'xstate';
import { paidAtDisbursal } from './loan';
import { ruleViolation } from './rules';
import { type ActionEvent, type DossierContext, isApplicant, type ProcedureDefinition } from './types';

export const AWAITING_SUPPLEMENT = 'awaiting-supplement';
/** The loan is signed and its time limit met; the bank pays it out month by month (record-payment). */
export const DISBURSING = 'disbursing';

export interface DossierInput {
  signed: boolean;
  channel: 'online' | 'paper';
}

/**
 * Builds the XState machine of one procedure version from its steps: each working step
 * advances to the next, may reject, may ask for one supplement that returns to it; the
 * first may be accepted (tiếp nhận) before its unit's other actions; the portal may withdraw at
 * any non-final state. A last step that disburses a loan ends in the outcome once the payments
 * reach its amount, in `disbursing` until then. Deadlines are not timers here: they live in
 * the database, since XState `after` timers are not restored from a persisted snapshot.
 */
export function createProcedureMachine(def: ProcedureDefinition) {
  const working = def.steps.filter((s) => !isApplicant(s.actor));
  const withdraw = { withdraw: { target: 'withdrawn' } };
  const states: Record<string, object> = {
    submission: { on: { submit: { target: working[0].key }, ...withdraw } },
  };
  // Leaving the receiving step, or asking for a supplement there, is its acceptance too.
  const accepts = { accepted: true };
  const signs = assign({ ...accepts, loan: ({ event }: { event: ActionEvent }) => ({ amount: event.data?.amount as number, paid: paidAtDisbursal(event.data) }) });
  working.forEach((step, i) => {
    const lends = step.advance === 'disburse' && i === working.length - 1;
    const advance = lends
      ? [
          { target: def.outcome, guard: and(['satisfiesRules', 'paidInFull']), actions: signs },
          { target: DISBURSING, guard: 'satisfiesRules', actions: signs },
        ]
      : { target: working[i + 1]?.key ?? def.outcome, guard: 'satisfiesRules', actions: assign(accepts) };
    const on: Record<string, object> = {
      [step.advance as string]: advance,
      reject: { target: 'rejected', guard: 'satisfiesRules' },
      ...withdraw,
    };
    if (step.maySupplement) {
      on['request-supplement'] = {
        target: AWAITING_SUPPLEMENT,
        guard: 'satisfiesRules',
        actions: assign({
          ...accepts,
          returnTo: step.key,
          supplementRequests: ({ context }: { context: DossierContext }) => context.supplementRequests + 1,
        }),
      };
    }
    // Tiếp nhận: the receiving unit takes the dossier in; a targetless transition keeps its clock running.
    if (i === 0) on.accept = { guard: 'notAccepted', actions: assign(accepts) };
    states[step.key] = { on };
  });
  states[AWAITING_SUPPLEMENT] = {
    on: {
      supplement: working
        .filter((s) => s.maySupplement)
        .map((s) => ({ target: s.key, guard: { type: 'returnsTo', params: { step: s.key } }, actions: assign({ returnTo: null }) })),
      ...withdraw,
    },
  };
  if (working.at(-1)?.advance === 'disburse') {
    // A signed loan is not withdrawn nor refused; each payment is recorded until the last.
    const pays = assign({ loan: ({ context, event }: { context: DossierContext; event: ActionEvent }) => ({ ...context.loan!, paid: context.loan!.paid + (event.data?.amount as number) }) });
    states[DISBURSING] = {
      on: { 'record-payment': [{ target: def.outcome, guard: and(['satisfiesRules', 'paysOff']), actions: pays }, { guard: 'satisfiesRules', actions: pays }] },
    };
  }
  for (const final of [def.outcome, 'rejected', 'withdrawn']) states[final] = { type: 'final' };

  return setup({
    types: { context: {} as DossierContext, events: {} as ActionEvent, input: {} as DossierInput },
    guards: {
      satisfiesRules: ({ context, event }) => ruleViolation(context, event) === null,
      returnsTo: ({ context }, params: { step: string }) => context.returnTo === params.step,
      notAccepted: ({ context }) => context.accepted === false,
      paidInFull: ({ event }) => paidAtDisbursal(event.data) >= (event.data?.amount as number),
      paysOff: ({ context, event }) => (context.loan?.paid ?? 0) + (event.data?.amount as number) >= (context.loan?.amount ?? 0),
    },
  }).createMachine({
    id: `${def.code}@${def.version}`,
    initial: 'submission',
    context: ({ input }) => ({ signed: input.signed, channel: input.channel, returnTo: null, supplementRequests: 0, accepted: false }),
    // The states are generated from data, which XState's literal types cannot follow.
    states: states as Record<string, object>,
  });
}

export type ProcedureMachine = ReturnType<typeof createProcedureMachine>;
