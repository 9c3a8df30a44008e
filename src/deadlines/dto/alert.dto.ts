// An open deadline alert as GET /deadlines/alerts answers it (AlertView).
import { ApiProperty } from '@nestjs/swagger';

const instant = { type: String, format: 'date-time' } as const;

class AlertSubjectDto {
  @ApiProperty({ example: 'dossier', description: 'dossier, or feedback' }) type: string;
  @ApiProperty({ format: 'uuid' }) id: string;
}

class AlertDossierDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() portalCode: string;
}

class AlertUnitDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
}

class ResponsibleOfficialDto {
  @ApiProperty({ format: 'uuid' }) officialId: string;
  @ApiProperty() fullName: string;
}

export class AlertDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['near-due', 'overdue'] }) kind: string;
  @ApiProperty({ type: AlertSubjectDto }) subject: AlertSubjectDto;
  @ApiProperty({ type: AlertDossierDto, nullable: true, description: 'for alerts about a dossier' }) dossier: AlertDossierDto | null;
  @ApiProperty({ example: 'district-appraisal', description: 'the step, or receipt (the receiving unit has not yet accepted nor asked for a supplement)' }) step: string;
  @ApiProperty({ type: AlertUnitDto, nullable: true, description: 'the unit holding the step' }) unit: AlertUnitDto | null;
  @ApiProperty({ type: [ResponsibleOfficialDto], description: 'the unit\'s officials granted the step' }) officials: ResponsibleOfficialDto[];
  @ApiProperty(instant) dueAt: string;
  @ApiProperty({ ...instant, nullable: true, description: 'a dossier\'s legal appointed return date' }) appointedReturnDate: string | null;
  @ApiProperty({ ...instant, nullable: true, description: 'the last moment for an apology letter, while none was sent' }) apologyDeadline: string | null;
  @ApiProperty(instant) openedAt: string;
}
