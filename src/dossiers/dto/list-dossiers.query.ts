import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { procedureCodes } from '../../workflow/definitions';
import { STATUSES } from '../../workflow/types';

export class ListDossiersQuery {
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: string;
  @ApiPropertyOptional({ enum: procedureCodes() }) @IsOptional() @IsIn(procedureCodes()) procedure?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/^[a-z-]{1,40}$/, { message: 'state must be a state key' }) state?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'overdue must be true or false' })
  overdue?: 'true' | 'false';
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100000, default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100000) page: number = 1;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize: number = 20;
}
