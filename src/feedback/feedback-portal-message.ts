// Pure: the message that takes a published answer to the national portal (Quảng Ngãi 2107/UBND-HCC
// point 3d: the results of handling feedback are published on the National Public Service Portal;
// Decision 31/2021/QĐ-TTg, Regulation art. 46 cl. 1).
import type { JsonObject } from '../common/canonical-json';
import type { FeedbackEntity } from './feedback.entity';

export const FEEDBACK_PUBLISHED = 'feedback.published';

/** The unit that answered, as the message names it. */
export interface AnsweringUnit {
  code: string;
  name: string;
}

/**
 * The body POSTed to the portal for a feedback published as `f` now is. What the public register
 * shows and no more: never the sender's contact. `sequence` is the register entry it reports, so
 * a receiver can drop a message not newer than one it applied for the same feedback.
 */
export function feedbackPublishedMessage(messageId: string, f: FeedbackEntity, unit: AnsweringUnit): JsonObject {
  return {
    messageId,
    type: FEEDBACK_PUBLISHED,
    sequence: f.version,
    feedbackId: f.id,
    code: f.trackingCode,
    portalCode: f.portalCode,
    unit: { code: unit.code, name: unit.name },
    publishedAt: f.publishedAt!.toISOString(),
    title: f.title,
    content: f.publishedContent ?? f.content,
    answer: f.answer!,
    answeredAt: f.answeredAt?.toISOString() ?? null,
  };
}
