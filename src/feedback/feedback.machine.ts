// Pure: the life of a feedback (phản ánh, kiến nghị).
import { assign, setup } from 'xstate';
import { type Decided, decide, eventsIn, start, type StoredSnapshot } from '../workflow/decide';

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
  | { type: 'close' };

/**
 * received → assigned → answered → published; close ends it from any open state.
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

export type StoredFeedbackSnapshot = StoredSnapshot<FeedbackContext, FeedbackState>;

export function startFeedback(): StoredFeedbackSnapshot {
  return start<StoredFeedbackSnapshot>(feedbackMachine);
}

/** The actions the feedback's state accepts, before permissions. */
export function feedbackActionsIn(stored: StoredFeedbackSnapshot): FeedbackAction[] {
  return eventsIn(feedbackMachine, stored) as FeedbackAction[];
}

/** decide() with the feedback's machine (no rules beyond the states). */
export function decideFeedback(stored: StoredFeedbackSnapshot, event: FeedbackEvent): Decided<StoredFeedbackSnapshot, never> {
  return decide(feedbackMachine, stored, event);
}
