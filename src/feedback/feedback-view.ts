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
    closeReason: f.closeReason,
    /** The office's last return of an answer to the unit, before publication. */
    returnedAt: f.returnedAt?.toISOString() ?? null,
    returnReason: f.returnReason,
    portalCode: f.portalCode,
    availableActions: feedbackAvailableActions(principal, { unitCode: f.unitCode, snapshot: f.snapshot, linkedDossier }),
    version: f.version,
    createdAt: f.createdAt.toISOString(),
    updatedAt: f.updatedAt.toISOString(),
  };
}

export type FeedbackView = ReturnType<typeof feedbackView>;

/**
 * The sender's view by tracking code. Codes are sequential, hence guessable: to anyone it shows
 * where the feedback stands and only what is public anyway (title and answer once published);
 * to the sender, who proves it with the phone or email they gave, also the answer when it is not
 * published and the reason it was closed. Never the content or the contact.
 */
export function senderView(f: FeedbackEntity, isSender = false) {
  const shown = isSender || f.state === 'published';
  return {
    trackingCode: f.trackingCode,
    state: f.state,
    receivedAt: f.receivedAt.toISOString(),
    title: shown ? f.title : null,
    answer: shown ? f.answer : null,
    answeredAt: shown ? (f.answeredAt?.toISOString() ?? null) : null,
    publishedAt: f.publishedAt?.toISOString() ?? null,
    /** To the sender: why it was closed (a refusal before an answer, or why the answer is not published). */
    closeReason: isSender ? f.closeReason : null,
  };
}

/** Whether `contact` is the phone or email the sender gave (phones compared as digits, +84 as 0; emails case-insensitively). */
export function isSenderContact(f: Pick<FeedbackEntity, 'contact'>, contact: string): boolean {
  const phone = (p: string) => p.replace(/\D/g, '').replace(/^84/, '0');
  const given = f.contact as { phone?: string; email?: string };
  const value = contact.trim();
  if (given.email && value.includes('@')) return given.email.toLowerCase() === value.toLowerCase();
  return Boolean(given.phone) && /\d/.test(value) && phone(given.phone!) === phone(value);
}

/** The public register of published answers. */
export function publishedView(f: FeedbackEntity) {
  return { trackingCode: f.trackingCode, title: f.title, content: f.publishedContent ?? f.content, answer: f.answer, publishedAt: f.publishedAt!.toISOString() };
}
