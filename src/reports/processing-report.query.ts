import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export const GROUPS = ['unit', 'procedure', 'official'] as const;
export type ReportGroup = (typeof GROUPS)[number];

export class ProcessingReportQuery {
  @ApiPropertyOptional({ description: 'received from: YYYY-MM-DD (Vietnam time) or an ISO instant' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  from?: string;

  @ApiPropertyOptional({ description: 'received until: YYYY-MM-DD (that whole day included) or an ISO instant (excluded)' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  to?: string;

  @ApiPropertyOptional({ enum: GROUPS, default: 'unit' })
  @IsOptional()
  @IsIn(GROUPS)
  groupBy: ReportGroup = 'unit';
}
