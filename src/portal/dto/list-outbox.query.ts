import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { OutboxState } from '../../dossiers/outbox-message.entity';

const STATES: OutboxState[] = ['pending', 'failed', 'delivered'];

export class ListOutboxQuery {
  @ApiPropertyOptional({ enum: STATES }) @IsOptional() @IsIn(STATES) state?: OutboxState;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100000, default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100000) page: number = 1;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize: number = 20;
}
