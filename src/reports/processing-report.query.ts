import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsInNow } from '../common/validators';
import { procedureCodes } from '../workflow/definitions';

export const GROUPS = ['unit', 'procedure', 'official', 'step'] as const;
export type ReportGroup = (typeof GROUPS)[number];

export const LANGS = ['vi', 'en'] as const;
export type ReportLang = (typeof LANGS)[number];

export class ProcessingReportQuery {
  @ApiPropertyOptional({ description: 'start of the period: YYYY-MM-DD (Vietnam time) or an ISO instant; none = since the first dossier' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  from?: string;

  @ApiPropertyOptional({ description: 'end of the period: YYYY-MM-DD (that whole day included) or an ISO instant (excluded); none = now' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  to?: string;

  @ApiPropertyOptional({ enum: GROUPS, default: 'unit' })
  @IsOptional()
  @IsIn(GROUPS)
  groupBy: ReportGroup = 'unit';

  @ApiPropertyOptional({ example: 'unpaid-leave-support', description: 'only the dossiers of this procedure' })
  @IsOptional()
  @IsInNow(procedureCodes)
  procedure?: string;

  @ApiPropertyOptional({ enum: LANGS, description: 'CSV headings: Vietnamese (default) or the JSON keys; JSON keys are always English' })
  @IsOptional()
  @IsIn(LANGS)
  lang?: ReportLang;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'CSV: the result columns (refusedOnTime, refusedLate, workersSupported, fundsApproved, fundsLent), after the others, are there by default; false leaves them out (the periodic report\'s columns alone); JSON always has them' })
  @IsOptional()
  @IsIn(['true', 'false'])
  results?: 'true' | 'false';
}
