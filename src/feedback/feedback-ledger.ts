import type { JsonObject } from '../common/canonical-json';
import { conflict } from '../common/domain-error';
import type { EventActor } from '../common/event-actor';
import type { LedgerBook } from '../ledger/ledger';
import { FeedbackEventEntity } from './feedback-event.entity';
import { FeedbackEntity } from './feedback.entity';
import type { FeedbackState } from './feedback.machine';

/** A register entry to append: `receive` when it arrives, then each action. */
export interface FeedbackEntry {
  action: string;
  fromState: FeedbackState | null;
  actor: EventActor;
  data: JsonObject | null;
}

/** A feedback's tables for the ledger; an entry's hash covers it as the register API shows it. */
export const FEEDBACK_BOOK: LedgerBook<FeedbackEntity, FeedbackEventEntity, FeedbackEntry> = {
  rows: FeedbackEntity,
  events: FeedbackEventEntity,
  link(after, e, now) {
    const hashed = { feedbackId: after.id, seq: after.version, action: e.action, fromState: e.fromState, toState: after.state, actor: e.actor, data: e.data, at: now.toISOString() };
    return { columns: { ...hashed, at: now }, hashed };
  },
  conflict: () => conflict('FEEDBACK_VERSION_CONFLICT', 'the feedback was changed by another request; read it again'),
};
