import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { PageQuery } from '../../ledger/pages';
import { procedureCodes } from '../../workflow/definitions';
import { STATUSES } from '../../workflow/types';

export class ListDossiersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: string;
  @ApiPropertyOptional({ enum: procedureCodes() }) @IsOptional() @IsIn(procedureCodes()) procedure?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/^[a-z-]{1,40}$/, { message: 'state must be a state key' }) state?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'overdue must be true or false' })
  overdue?: 'true' | 'false';
}
