import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { AlertKind } from '../deadline-alert.entity';

export class ListAlertsQuery {
  @ApiPropertyOptional({ enum: ['near-due', 'overdue'] })
  @IsOptional()
  @IsIn(['near-due', 'overdue'])
  kind?: AlertKind;
}
