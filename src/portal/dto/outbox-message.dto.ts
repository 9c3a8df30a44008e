// The portal outbox as its admin endpoints answer it (outbox.service.ts).
import { ApiProperty } from '@nestjs/swagger';

const instantOrNull = { type: String, format: 'date-time', nullable: true } as const;

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
}

export class OutboxMessageDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer', description: 'the delivery order' }) seq: number;
  @ApiProperty({ format: 'uuid' }) dossierId: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] }) state: string;
  @ApiProperty({ type: 'integer' }) attempts: number;
  @ApiProperty({ ...instantOrNull, description: 'while pending' }) nextAttemptAt: string | null;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty(instantOrNull) deliveredAt: string | null;
  @ApiProperty({ type: PortalStatusMessageDto }) payload: PortalStatusMessageDto;
}
