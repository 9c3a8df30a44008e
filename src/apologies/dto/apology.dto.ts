// An apology letter (form 04) as the apology endpoints answer it (apology-letter.ts builds it).
import { ApiProperty } from '@nestjs/swagger';

const instant = { type: String, format: 'date-time' } as const;

class ApologySignerDto {
  @ApiProperty({ format: 'uuid' }) officialId: string;
  @ApiProperty() fullName: string;
  @ApiProperty() unitCode: string;
  @ApiProperty() unitName: string;
}

export class ApologyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '3/PXL', description: 'numbered per unit and year' }) number: string;
  @ApiProperty({ format: 'uuid' }) dossierId: string;
  @ApiProperty() portalCode: string;
  @ApiProperty({ description: 'the applicant the letter is addressed to' }) addressee: string;
  @ApiProperty() procedureName: string;
  @ApiProperty(instant) receivedAt: string;
  @ApiProperty({ ...instant, description: 'the return date before the letter' }) originalReturnDate: string;
  @ApiProperty() reason: string;
  @ApiProperty(instant) newReturnDate: string;
  @ApiProperty({ type: ApologySignerDto }) signer: ApologySignerDto;
  @ApiProperty(instant) createdAt: string;
}
