// What the feedback endpoints answer, as the OpenAPI document describes it (feedback-view.ts builds it).
import { ApiProperty } from '@nestjs/swagger';
import { EventActorDto } from '../../dossiers/dto/dossier.dto';
import { FEEDBACK_STATES } from '../feedback.machine';
import { FeedbackContactDto } from './submit-feedback.dto';

const instant = { type: String, format: 'date-time' } as const;
const instantOrNull = { ...instant, nullable: true } as const;
const textOrNull = { type: String, nullable: true } as const;

/** The answer to a delivered feedback: where to find it again. */
export class FeedbackReceiptDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'PAKN.20200812.0012', description: 'the sender follows the feedback by it' }) trackingCode: string;
}

/** Officials and admins: the whole record, with the contact they answer to. */
export class FeedbackDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() trackingCode: string;
  @ApiProperty() title: string;
  @ApiProperty() content: string;
  @ApiProperty({ type: FeedbackContactDto }) contact: FeedbackContactDto;
  @ApiProperty({ ...textOrNull, description: 'the dossier the sender names, as typed' }) dossierPortalCode: string | null;
  @ApiProperty({ ...textOrNull, description: 'the unit it is assigned to' }) unitCode: string | null;
  @ApiProperty({ enum: FEEDBACK_STATES }) state: string;
  @ApiProperty(textOrNull) answer: string | null;
  @ApiProperty(instant) receivedAt: string;
  @ApiProperty({ ...instantOrNull, description: 'while received: the forwarding deadline; while assigned: the unit\'s answering deadline' }) dueAt: string | null;
  @ApiProperty() overdue: boolean;
  @ApiProperty(instantOrNull) answeredAt: string | null;
  @ApiProperty(instantOrNull) publishedAt: string | null;
  @ApiProperty({ ...textOrNull, description: 'the question as published, when the office edited it' }) publishedContent: string | null;
  @ApiProperty(textOrNull) closeReason: string | null;
  @ApiProperty({ ...instantOrNull, description: 'when the office last sent the answer back to the unit as unsuitable (return)' }) returnedAt: string | null;
  @ApiProperty({ ...textOrNull, description: 'why it was sent back' }) returnReason: string | null;
  @ApiProperty({ ...textOrNull, description: 'the national portal\'s code, for a feedback it delivered' }) portalCode: string | null;
  @ApiProperty({ type: [String], example: ['assign', 'close'] }) availableActions: string[];
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty(instant) createdAt: string;
  @ApiProperty(instant) updatedAt: string;
}

/** One entry of a feedback's register, hash-chained like a dossier's history. */
export class FeedbackRegisterEntryDto {
  @ApiProperty({ format: 'uuid' }) feedbackId: string;
  @ApiProperty({ type: 'integer' }) seq: number;
  @ApiProperty({ example: 'assign', description: 'receive, or the action taken' }) action: string;
  @ApiProperty(textOrNull) fromState: string | null;
  @ApiProperty() toState: string;
  @ApiProperty({ type: EventActorDto }) actor: EventActorDto;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'what the action carried (unitCode, answer, reason…)' }) data: Record<string, unknown> | null;
  @ApiProperty(instant) at: string;
  @ApiProperty() hash: string;
  @ApiProperty(textOrNull) prevHash: string | null;
}

/** The sender's view by tracking code: what is public, and to the sender also the answer and why it was closed. */
export class FeedbackTrackingDto {
  @ApiProperty() trackingCode: string;
  @ApiProperty({ enum: FEEDBACK_STATES }) state: string;
  @ApiProperty(instant) receivedAt: string;
  @ApiProperty({ ...textOrNull, description: 'once published, or to the sender' }) title: string | null;
  @ApiProperty({ ...textOrNull, description: 'once published, or to the sender' }) answer: string | null;
  @ApiProperty(instantOrNull) answeredAt: string | null;
  @ApiProperty(instantOrNull) publishedAt: string | null;
  @ApiProperty({ ...textOrNull, description: 'to the sender only' }) closeReason: string | null;
}

/** An entry of the public register of published answers. */
export class PublishedFeedbackDto {
  @ApiProperty() trackingCode: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'the question as published' }) content: string;
  @ApiProperty() answer: string;
  @ApiProperty(instant) publishedAt: string;
}
