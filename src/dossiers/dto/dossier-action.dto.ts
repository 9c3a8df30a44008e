import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, MaxLength, Min, ValidateBy, ValidateNested,
} from 'class-validator';
import { IsInstant, IsReasonText, IsText, IsTextLines } from '../../common/validators';
import { isKnownAction } from '../../workflow/definitions';
import type { ActionName } from '../../workflow/types';

/** One thing a supplement request asks for (form 02), and in which form. */
export class SupplementItemDto {
  @ApiProperty({ example: 'Danh sách người lao động (Mẫu số 01)' }) @IsString() @IsText() @MaxLength(500) document: string;
  @ApiProperty({ enum: ['electronic', 'paper'] }) @IsIn(['electronic', 'paper']) form: 'electronic' | 'paper';
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @IsTextLines() @MaxLength(2000) note?: string | null;
}

/** The digital signature BHXH puts on the dossier when it confirms. */
export class ActionSignatureDto {
  @ApiProperty({ example: '5402A1B2C3' }) @IsString() @Matches(/^[0-9A-Fa-f]{1,64}$/, { message: 'signature.certificateSerial must be 1–64 hex digits' })
  certificateSerial: string;
  @ApiProperty() @IsInstant() signedAt: string;
}

export class DossierActionDto {
  @ApiProperty({
    type: String,
    example: 'confirm',
    description: 'accept, reject, request-supplement, supplement, withdraw, or the `advance` a step of the dossier\'s procedure names (the seeds: confirm, appraise, approve, disburse, record-payment)',
  })
  @ValidateBy({ name: 'isIn', validator: { validate: (v) => typeof v === 'string' && isKnownAction(v), defaultMessage: () => 'action must be an action of the dossier\'s procedure (its steps\' advance, or accept, reject, request-supplement, supplement, withdraw)' } })
  action: Exclude<ActionName, 'submit'>;

  @ApiPropertyOptional() @IsOptional() @IsString() @IsTextLines() @MaxLength(4000) comment?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsReasonText() @MaxLength(4000) reason?: string;
  @ApiPropertyOptional({ enum: ['online', 'paper'], description: 'request-supplement without items: how the missing documents are to be sent' })
  @IsOptional() @IsIn(['online', 'paper']) channel?: 'online' | 'paper';
  @ApiPropertyOptional({ type: [SupplementItemDto], description: 'request-supplement: what is asked for, at least one item' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => SupplementItemDto)
  items?: SupplementItemDto[];
  @ApiPropertyOptional({ description: 'reject: a ground from the closed list of the dossier\'s procedure version (rejectGrounds in GET /api/v1/procedures)' })
  @IsOptional() @IsString() @MaxLength(60) ground?: string;
  @ApiPropertyOptional({ type: ActionSignatureDto, description: 'confirm by BHXH: its digital signature on the dossier' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ActionSignatureDto) signature?: ActionSignatureDto;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) expectedVersion?: number;
  @ApiPropertyOptional({
    description: 'disburse: { contractNumber, amount, termMonths?, payments?: [{ month, amount, workers? }], exclude? (versions without a People\'s Committee step) }; record-payment: { month, amount, workers }; supplement: the changed fields; appraise, approve: { exclude: [{ worker: n, ground, reason }] }, the workers left out; approve also { signer: ID number }, who signs the decision for the provincial People\'s Committee',
  })
  @IsOptional() @IsObject() data?: Record<string, unknown>;
}

export class ResultReturnedDto {
  @ApiPropertyOptional({ example: 'Đã trả kết quả qua Cổng Dịch vụ công quốc gia' }) @IsOptional() @IsString() @IsTextLines() @MaxLength(4000) comment?: string;
}
