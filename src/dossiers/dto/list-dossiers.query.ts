import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { PageQuery } from '../../ledger/pages';
import { IsInNow } from '../../common/validators';
import { procedureCodes } from '../../workflow/definitions';
import { STATUSES } from '../../workflow/types';

export class ListDossiersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: string;
  @ApiPropertyOptional({ example: 'unpaid-leave-support', description: 'a procedure code of the catalogue' }) @IsOptional() @IsInNow(procedureCodes) procedure?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/^[a-z-]{1,40}$/, { message: 'state must be a state key' }) state?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'overdue must be true or false' })
  overdue?: 'true' | 'false';
}
