import type { JsonObject } from '../common/canonical-json';
import { conflict } from '../common/domain-error';
import type { EventActor } from '../common/event-actor';
import type { EventColumns, LedgerBook } from '../ledger/ledger';
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

/** A register entry as the API shows it, which is what its hash covers. */
export function feedbackRegisterEntry(e: EventColumns<FeedbackEventEntity>) {
  const { feedback: _feedback, ...shown } = e;
  return { ...shown, at: e.at.toISOString() };
}

/** A feedback's tables for the ledger. */
export const FEEDBACK_BOOK: LedgerBook<FeedbackEntity, FeedbackEventEntity, FeedbackEntry, ReturnType<typeof feedbackRegisterEntry>> = {
  rows: FeedbackEntity,
  events: FeedbackEventEntity,
  owner: 'feedbackId',
  relation: 'feedback',
  columns: (after, e, now) => ({ feedbackId: after.id, seq: after.version, action: e.action, fromState: e.fromState, toState: after.state, actor: e.actor, data: e.data, at: now }),
  entry: feedbackRegisterEntry,
  conflict: () => conflict('FEEDBACK_VERSION_CONFLICT', 'the feedback was changed by another request; read it again'),
};
