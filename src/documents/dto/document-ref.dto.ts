// A form of a dossier as GET /dossiers/{id}/documents lists it (DocumentRef).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class DocumentSourceDto {
  @ApiProperty({ example: 'event', description: 'event (a history entry), apology (the letter), steps (the control slip, form 05: the steps so far), or another source a new form names' }) type: string;
  @ApiProperty({ type: 'integer', description: 'the history entry it records (form 05: the receipt, its first)' }) seq: number;
  @ApiPropertyOptional({ format: 'uuid', description: 'type apology: the letter' }) id?: string;
}

export class DocumentRefDto {
  @ApiProperty({ example: '01-1', description: 'the id to fetch it by' }) id: string;
  @ApiProperty({ example: '01', description: 'the form\'s number in Circular 01/2018/TT-VPCP, or decision (the provincial decision), notice (a refusal after acceptance), loan (the bank\'s loan) (docs/api.md, Documents)' }) form: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, format: 'date-time' }) issuedAt: string;
  @ApiProperty({ type: DocumentSourceDto }) source: DocumentSourceDto;
  @ApiProperty({ example: '/api/v1/dossiers/3f1c2a9e-8d4b-4f7a-9c55-2b1e0d6a7f10/documents/01-1' }) href: string;
  @ApiProperty({ type: [String], example: ['text/html', 'application/pdf'] }) formats: string[];
}
