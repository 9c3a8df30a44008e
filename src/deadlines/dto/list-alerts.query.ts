import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type { AlertKind } from '../deadline-alert.entity';

export class ListAlertsQuery {
  @ApiPropertyOptional({ enum: ['near-due', 'overdue'] })
  @IsOptional()
  @IsIn(['near-due', 'overdue'])
  kind?: AlertKind;

  /** Paging is optional, so the answer stays the complete list clients already rely on; by cursor it is `{ items, nextCursor }`. */
  @ApiPropertyOptional({ description: 'the `nextCursor` of the previous answer (opaque); with `limit`, or alone', maxLength: 512 })
  @IsOptional() @IsString() @MaxLength(512) @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor must be a nextCursor this list gave' })
  cursor?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, description: 'alerts per answer by cursor (default 100); asks for `{ items, nextCursor }`' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100000, description: 'with pageSize: that page of the list (X-Total-Count gives the total either way)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100000)
  page?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  pageSize?: number;
}
