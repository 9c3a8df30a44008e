import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsObject, IsOptional, IsString, Length, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { IsInstant, IsPortalCode, IsText, IsTextLines, IsVnPhone } from '../../common/validators';

export class FeedbackContactDto {
  @ApiProperty({ example: 'Nguyễn Văn Tâm' })
  @IsString() @Length(1, 100) @IsText()
  name: string;

  @ApiPropertyOptional({ example: '0905123456', description: 'a phone or an email is required' })
  @ValidateIf((c: FeedbackContactDto) => c.email === undefined || c.phone !== undefined)
  @IsVnPhone({ message: (a) => (a.value === undefined ? 'phone or email is required' : 'phone must be a Vietnamese phone number (10-digit mobile or 11-digit landline)') })
  phone?: string;

  @ApiPropertyOptional({ example: 'tam.nguyen@example.vn' })
  @IsOptional() @IsEmail() @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({
    example: '12 Quang Trung, phường Trần Hưng Đạo, TP Quảng Ngãi',
    description: 'the sender\'s address (Decree 20/2008/NĐ-CP art. 7 asks for name, address and a phone or postal contact); optional',
  })
  @IsOptional() @IsString() @Length(1, 300) @IsText()
  address?: string;
}

export class SubmitFeedbackDto {
  @ApiProperty({ example: 'Chậm chi trả hỗ trợ' })
  @IsString() @Length(1, 200) @IsText()
  title: string;

  @ApiProperty({ example: 'Hồ sơ của công ty đã nộp từ lâu nhưng chưa được xử lý.' })
  @IsString() @Length(1, 5000) @IsTextLines()
  content: string;

  @ApiProperty({ type: FeedbackContactDto })
  @IsObject() @ValidateNested() @Type(() => FeedbackContactDto)
  contact: FeedbackContactDto;

  @ApiPropertyOptional({ example: '000.00.51.H55-200512-0001' })
  @IsOptional() @IsPortalCode()
  dossierPortalCode?: string;
}

/** A feedback the national portal received and delivers with its own code (POST /api/v1/feedback, integration). */
export class PortalFeedbackDto extends SubmitFeedbackDto {
  @ApiProperty({ example: 'PAKN-DVCQG-2020-0001234', description: 'the portal\'s own code of the feedback: sending it again returns the same record' })
  @IsPortalCode()
  portalCode: string;

  @ApiProperty({ example: '2020-08-12T09:00:00+07:00', description: 'when the portal received it: the 5 working days to forward it run from here' })
  @IsInstant()
  receivedAt: string;
}
