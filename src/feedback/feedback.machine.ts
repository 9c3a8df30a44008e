// PURE: the life of a feedback (phản ánh, kiến nghị). No database, no framework.
import { assign, initialTransition, setup, transition } from 'xstate';

export const FEEDBACK_STATES = ['received', 'assigned', 'answered', 'published', 'closed'] as const;
export type FeedbackState = (typeof FEEDBACK_STATES)[number];
export const FEEDBACK_ACTIONS = ['assign', 'answer', 'publish', 'close'] as const;
export type FeedbackAction = (typeof FEEDBACK_ACTIONS)[number];

export interface FeedbackContext {
  /** The unit the feedback was forwarded to; only it may answer. */
  unitCode: string | null;
}

export type FeedbackEvent =
  | { type: 'assign'; unitCode: string }
  | { type: 'answer'; answer: string }
  | { type: 'publish'; content?: string }
  /**
   * Closing always records why: before an answer it is a refusal the sender reads; after one, the
   * reason the answer is not published (Decree 20/2008/NĐ-CP: an answer is published or sent).
   */
  | { type: 'close'; reason: string };

export interface StoredFeedbackSnapshot {
  value: FeedbackState;
  context: FeedbackContext;
  [key: string]: unknown;
}

/**
 * received → assigned → answered → published; close (with its reason) ends it from any open state.
 * `assign` in `assigned` forwards it to another unit when the first was not competent.
 */
export const feedbackMachine = setup({
  types: { context: {} as FeedbackContext, events: {} as FeedbackEvent },
}).createMachine({
  id: 'feedback',
  initial: 'received',
  context: { unitCode: null },
  states: {
    received: {
      on: {
        assign: { target: 'assigned', actions: assign({ unitCode: ({ event }) => event.unitCode }) },
        close: { target: 'closed' },
      },
    },
    assigned: {
      on: {
        assign: { target: 'assigned', actions: assign({ unitCode: ({ event }) => event.unitCode }) },
        answer: { target: 'answered' },
        close: { target: 'closed' },
      },
    },
    answered: { on: { publish: { target: 'published' }, close: { target: 'closed' } } },
    published: { type: 'final' },
    closed: { type: 'final' },
  },
});

export class FeedbackActionNotAvailableError extends Error {
  constructor(readonly action: string, readonly state: string) {
    super(`action "${action}" is not available in state "${state}"`);
  }
}

function persist(snapshot: ReturnType<typeof initialTransition<typeof feedbackMachine>>[0]): StoredFeedbackSnapshot {
  return feedbackMachine.getPersistedSnapshot(snapshot) as unknown as StoredFeedbackSnapshot;
}

export function startFeedback(): StoredFeedbackSnapshot {
  return persist(initialTransition(feedbackMachine)[0]);
}

export function feedbackActionsIn(stored: StoredFeedbackSnapshot): FeedbackAction[] {
  const node = feedbackMachine.states[stored.value];
  return node ? (Object.keys(node.config.on ?? {}) as FeedbackAction[]) : [];
}

/** XState's pure transition; the caller persists the result in one transaction. */
export function decideFeedback(stored: StoredFeedbackSnapshot, event: FeedbackEvent) {
  if (!feedbackActionsIn(stored).includes(event.type)) throw new FeedbackActionNotAvailableError(event.type, stored.value);
  const restored = feedbackMachine.resolveState({ value: stored.value, context: stored.context });
  const [next] = transition(feedbackMachine, restored, event);
  const snapshot = persist(next);
  return { snapshot, fromState: stored.value, toState: snapshot.value, final: next.status === 'done' };
}
