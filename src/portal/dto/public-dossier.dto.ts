// What the citizens' lookup answers (public-dossier-view.ts): progress and dates, no personal data.
import { ApiProperty } from '@nestjs/swagger';
import { STATUSES } from '../../workflow/types';

const instant = { type: String, format: 'date-time' } as const;
const instantOrNull = { ...instant, nullable: true } as const;

class PublicProcedureDto {
  @ApiProperty() code: string;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty() name: string;
}

class PublicCurrentStepDto {
  @ApiProperty() key: string;
  @ApiProperty() actor: string;
  @ApiProperty(instantOrNull) dueAt: string | null;
  @ApiProperty() overdue: boolean;
}

class DoneStepDto {
  @ApiProperty({ example: 'insurance-confirmation' }) step: string;
  @ApiProperty({ example: 'confirm' }) action: string;
  @ApiProperty(instant) at: string;
}

class PublicApologyDto {
  @ApiProperty({ example: '3/PXL' }) number: string;
  @ApiProperty(instant) originalReturnDate: string;
  @ApiProperty(instant) newReturnDate: string;
  @ApiProperty(instant) issuedAt: string;
}

export class PublicDossierDto {
  @ApiProperty() portalCode: string;
  @ApiProperty({ type: PublicProcedureDto }) procedure: PublicProcedureDto;
  @ApiProperty({ enum: STATUSES }) status: string;
  @ApiProperty({ type: 'integer', example: 4, description: 'the national portal\'s status code (TrangThaiHoSo)' }) portalStatusCode: number;
  @ApiProperty() state: string;
  @ApiProperty(instant) receivedAt: string;
  @ApiProperty({ type: PublicCurrentStepDto, nullable: true }) currentStep: PublicCurrentStepDto | null;
  @ApiProperty(instantOrNull) dueAt: string | null;
  @ApiProperty(instantOrNull) finishedAt: string | null;
  @ApiProperty({ type: [DoneStepDto], description: 'the steps done, oldest first' }) steps: DoneStepDto[];
  @ApiProperty({ type: [PublicApologyDto] }) apologies: PublicApologyDto[];
}
