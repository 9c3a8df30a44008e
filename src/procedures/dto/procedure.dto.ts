// A procedure as GET /procedures answers it (catalogue.ts builds it).
import { ApiProperty } from '@nestjs/swagger';

const day = { type: String, format: 'date', example: '2020-04-09' } as const;

export class IntakeWindowDto {
  @ApiProperty({ ...day, description: 'first day (Vietnam) dossiers are received' }) from: string;
  @ApiProperty({ ...day, nullable: true, description: 'last day, or null while open-ended' }) until: string | null;
}

export class ProcedureStepDto {
  @ApiProperty({ example: 'insurance-confirmation' }) key: string;
  @ApiProperty({ type: 'integer', example: 2 }) order: number;
  @ApiProperty({ example: 'social-insurance' }) actor: string;
  @ApiProperty({ type: 'integer', nullable: true, example: 3, description: 'working days; null for submission' }) timeLimitWorkingDays: number | null;
}

export class RejectGroundDto {
  @ApiProperty({ example: 'not-eligible' }) key: string;
  @ApiProperty({ description: 'in Vietnamese, as the refusal (form 03) states it' }) label: string;
  @ApiProperty() labelEn: string;
  @ApiProperty() legalBasis: string;
}

export class ScheduleEntryDto {
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty() legalBasis: string;
  @ApiProperty(day) effectiveFrom: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'dossiers submitted from then get this version' }) from: string;
  @ApiProperty({ type: IntakeWindowDto }) intake: IntakeWindowDto;
}

export class ProcedureDto {
  @ApiProperty({ example: 'unpaid-leave-support' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'integer', example: 1, description: 'the version in force' }) version: number;
  @ApiProperty() legalBasis: string;
  @ApiProperty(day) effectiveFrom: string;
  @ApiProperty({ type: String, format: 'date-time' }) publishedFrom: string;
  @ApiProperty({ type: IntakeWindowDto }) intake: IntakeWindowDto;
  @ApiProperty({ description: 'whether a dossier submitted now is received' }) intakeOpen: boolean;
  @ApiProperty({ type: [ProcedureStepDto] }) steps: ProcedureStepDto[];
  @ApiProperty({ type: [RejectGroundDto], description: 'the closed list a reject action names its ground from' }) rejectGrounds: RejectGroundDto[];
  @ApiProperty({ type: [ScheduleEntryDto], description: 'every dated version, oldest first' }) schedule: ScheduleEntryDto[];
}
