// Pure: the life of a feedback (phản ánh, kiến nghị).
import { assign, setup } from 'xstate';
import { type Decided, decide, eventsIn, start, type StoredSnapshot } from '../workflow/decide';

export const FEEDBACK_STATES = ['received', 'assigned', 'answered', 'published', 'closed'] as const;
export type FeedbackState = (typeof FEEDBACK_STATES)[number];
export const FEEDBACK_ACTIONS = ['assign', 'answer', 'return', 'publish', 'close'] as const;
export type FeedbackAction = (typeof FEEDBACK_ACTIONS)[number];

export interface FeedbackContext {
  /** The unit the feedback was forwarded to; only it may answer. */
  unitCode: string | null;
}

export type FeedbackEvent =
  | { type: 'assign'; unitCode: string }
  | { type: 'answer'; answer: string }
  /**
   * The office that forwarded it sends the answer back to the unit, with why, when it does not fit
   * what was asked: the unit answers again before anything is published (Decision 31/2021/QĐ-TTg,
   * Regulation art. 46 cl. 2).
   */
  | { type: 'return'; reason: string }
  | { type: 'publish'; content?: string }
  /**
   * Closing always records why: before an answer it is a refusal the sender reads; after one, the
   * reason the answer is not published (Decree 20/2008/NĐ-CP: an answer is published or sent).
   */
  | { type: 'close'; reason: string };

/**
 * received → assigned → answered → published; close (with its reason) ends it from any open state.
 * `assign` in `assigned` forwards it to another unit when the first was not competent; `return` in
 * `answered` sends an unsuitable answer back to the same unit (assigned again), before publication.
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
    answered: { on: { return: { target: 'assigned' }, publish: { target: 'published' }, close: { target: 'closed' } } },
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
