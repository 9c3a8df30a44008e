// Pure: a feedback as officials, its sender and the public register see it.
import type { Principal } from '../common/principal';
import { feedbackAvailableActions, type FeedbackScope } from './feedback-access';
import type { FeedbackEntity } from './feedback.entity';

/** Officials and admins: the whole record, with the contact they answer to. */
export function feedbackView(f: FeedbackEntity, principal: Principal, linkedDossier: FeedbackScope['linkedDossier'], now: Date) {
  return {
    id: f.id,
    trackingCode: f.trackingCode,
    title: f.title,
    content: f.content,
    contact: f.contact,
    dossierPortalCode: f.dossierPortalCode,
    unitCode: f.unitCode,
    state: f.state,
    answer: f.answer,
    receivedAt: f.receivedAt.toISOString(),
    /** While received: the 5-working-day forwarding deadline; while assigned: the unit's answering deadline. */
    dueAt: f.dueAt?.toISOString() ?? null,
    overdue: f.dueAt !== null && f.dueAt < now,
    answeredAt: f.answeredAt?.toISOString() ?? null,
    publishedAt: f.publishedAt?.toISOString() ?? null,
    /** The question as published, when the office edited it; the register shows `content` otherwise. */
    publishedContent: f.publishedContent,
    availableActions: feedbackAvailableActions(principal, { unitCode: f.unitCode, snapshot: f.snapshot, linkedDossier }),
    version: f.version,
    createdAt: f.createdAt.toISOString(),
    updatedAt: f.updatedAt.toISOString(),
  };
}

/**
 * The sender's view by tracking code. Codes are sequential, hence guessable: it shows where the
 * feedback stands and only what is public anyway (title and answer once published), never the
 * content or contact.
 */
export function senderView(f: FeedbackEntity) {
  const published = f.state === 'published';
  return {
    trackingCode: f.trackingCode,
    state: f.state,
    receivedAt: f.receivedAt.toISOString(),
    title: published ? f.title : null,
    answer: published ? f.answer : null,
    publishedAt: f.publishedAt?.toISOString() ?? null,
  };
}

/** The public register of published answers. */
export function publishedView(f: FeedbackEntity) {
  return { trackingCode: f.trackingCode, title: f.title, content: f.publishedContent ?? f.content, answer: f.answer, publishedAt: f.publishedAt!.toISOString() };
}
