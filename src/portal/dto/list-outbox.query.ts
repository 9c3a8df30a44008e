import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { OutboxState } from '../../dossiers/outbox-message.entity';
import { PageQuery } from '../../ledger/pages';

const STATES: OutboxState[] = ['pending', 'failed', 'delivered'];

export class ListOutboxQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STATES }) @IsOptional() @IsIn(STATES) state?: OutboxState;
}
