import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PageQuery } from '../../ledger/pages';
import { FEEDBACK_STATES } from '../feedback.machine';

export class ListFeedbackQuery extends PageQuery {
  @ApiPropertyOptional({ enum: FEEDBACK_STATES }) @IsOptional() @IsIn(FEEDBACK_STATES) state?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional() @IsIn(['true', 'false'], { message: 'overdue must be true or false' })
  overdue?: 'true' | 'false';
}

export class TrackingCodeParams {
  @ApiProperty({ example: 'PAKN.20200812.0012' })
  @Matches(/^PAKN\.\d{8}\.\d{4,6}$/, { message: 'trackingCode must look like PAKN.20200812.0012' })
  trackingCode: string;
}

export class TrackQuery {
  @ApiPropertyOptional({ example: '0905123456', description: 'the phone or email the sender gave' })
  @IsOptional() @IsString() @Length(3, 254)
  contact?: string;
}
