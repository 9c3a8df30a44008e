import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { FEEDBACK_STATES } from '../feedback.machine';

export class PageQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100000, default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100000) page: number = 1;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize: number = 20;
}

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
