// The portal outbox as its admin endpoints answer it (outbox.service.ts).
import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';

const instantOrNull = { type: String, format: 'date-time', nullable: true } as const;

/** The document a result is given in (a refusal, a decision, a loan). */
export class ResultDocumentDto {
  @ApiProperty({ example: 'decision', description: '03 (a refusal of receipt), notice (a refusal after acceptance), decision, loan' }) form: string;
  @ApiProperty({ type: String, nullable: true, description: 'its number (the loan: the contract number); null where none is drawn' }) number: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) issuedAt: string;
  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'a decision: the total approved (VND)' }) total?: number | null;
}

/** An item a supplement request asks for (form 02). */
export class SupplementItemMessageDto {
  @ApiProperty() document: string;
  @ApiProperty({ enum: ['electronic', 'paper'] }) form: string;
  @ApiProperty({ type: String, nullable: true, required: false }) note?: string | null;
}

/** The body POSTed to PORTAL_WEBHOOK_URL (docs/api.md "Portal status sync"). */
export class PortalStatusMessageDto {
  @ApiProperty({ format: 'uuid', description: 'the same on every delivery attempt: the receiver\'s key against duplicates' }) messageId: string;
  @ApiProperty() portalCode: string;
  @ApiProperty({ example: 'processing' }) status: string;
  @ApiProperty({ example: 'district-appraisal' }) state: string;
  @ApiProperty({ type: String, nullable: true, example: 'district-appraisal' }) step: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) at: string;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
  @ApiProperty({ ...instantOrNull, description: 'the return date in force; null while the applicant holds the dossier' }) dueAt: string | null;
  @ApiProperty({ type: 'integer', description: 'the history entry it reports: drop a message whose sequence is not above the last one applied' }) sequence: number;
  @ApiProperty({ ...instantOrNull, description: 'the legal appointed return date' }) appointedReturnDate: string | null;
  @ApiProperty({ example: 'appraise', description: 'the action, submitted, apology or result-returned' }) event: string;
  @ApiProperty({ description: 'the portal\'s field: portalCode' }) MaHoSo: string;
  @ApiProperty({ type: 'integer', example: 4, description: 'the portal\'s status code (docs/api.md)' }) TrangThaiHoSo: number;
  @ApiProperty({ ...instantOrNull, description: 'the portal\'s field: dueAt' }) NgayHenTra: string | null;
  @ApiProperty({ ...instantOrNull, description: 'the portal\'s field: appointedReturnDate' }) NgayHenTraBanDau: string | null;
  @ApiProperty({ ...instantOrNull, description: 'when processing ended' }) NgayKetThucXuLy: string | null;
  @ApiProperty({ type: [SupplementItemMessageDto], required: false, description: 'request-supplement only: what it asks for' }) items?: SupplementItemMessageDto[];
  @ApiProperty({ type: ResultDocumentDto, required: false, description: 'reject, approve and disburse only: the document of the result' }) document?: ResultDocumentDto;
}

/** The unit that answered a feedback. */
export class AnsweringUnitDto {
  @ApiProperty({ example: 'UBND-522' }) code: string;
  @ApiProperty({ example: 'Ủy ban nhân dân thành phố Quảng Ngãi' }) name: string;
}

/** The body POSTed to PORTAL_WEBHOOK_URL when a feedback's answer is published (docs/api.md "Feedback to the portal"). */
export class FeedbackPublishedMessageDto {
  @ApiProperty({ format: 'uuid', description: 'the same on every delivery attempt: the receiver\'s key against duplicates' }) messageId: string;
  @ApiProperty({ enum: ['feedback.published'], description: 'what the message is: a status message of a dossier has no type' }) type: string;
  @ApiProperty({ type: 'integer', description: 'the feedback\'s register entry it reports: drop a message whose sequence is not above the last one applied for this feedback' }) sequence: number;
  @ApiProperty({ format: 'uuid' }) feedbackId: string;
  @ApiProperty({ example: 'PAKN.20200812.0012', description: 'the tracking code' }) code: string;
  @ApiProperty({ type: String, nullable: true, description: 'the portal\'s own code, for a feedback it delivered' }) portalCode: string | null;
  @ApiProperty({ type: AnsweringUnitDto }) unit: AnsweringUnitDto;
  @ApiProperty({ type: String, format: 'date-time' }) publishedAt: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'the question as published (personal details removed by the office, if it did)' }) content: string;
  @ApiProperty() answer: string;
  @ApiProperty(instantOrNull) answeredAt: string | null;
}

export class OutboxMessageDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer', description: 'the delivery order' }) seq: number;
  @ApiProperty({ enum: ['dossier.status', 'feedback.published'], description: 'a dossier\'s status, or a feedback\'s published answer' }) type: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the dossier it reports; null for a feedback\'s message' }) dossierId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the feedback it reports; null for a dossier\'s message' }) feedbackId: string | null;
  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] }) state: string;
  @ApiProperty({ type: 'integer' }) attempts: number;
  @ApiProperty({ ...instantOrNull, description: 'while pending' }) nextAttemptAt: string | null;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty(instantOrNull) deliveredAt: string | null;
  @ApiProperty({
    oneOf: [{ $ref: getSchemaPath(PortalStatusMessageDto) }, { $ref: getSchemaPath(FeedbackPublishedMessageDto) }],
    description: 'the body POSTed to the portal: a dossier\'s status message, or a feedback.published message',
  })
  payload: PortalStatusMessageDto | FeedbackPublishedMessageDto;
}
