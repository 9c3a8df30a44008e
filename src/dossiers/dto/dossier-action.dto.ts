import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsObject, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { ACTIONS } from '../../workflow/types';

export class DossierActionDto {
  @ApiProperty({ enum: ACTIONS.filter((a) => a !== 'submit') })
  @IsIn(ACTIONS.filter((a) => a !== 'submit'))
  action: Exclude<(typeof ACTIONS)[number], 'submit'>;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) comment?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) reason?: string;
  @ApiPropertyOptional({ enum: ['online', 'paper'] }) @IsOptional() @IsIn(['online', 'paper']) channel?: 'online' | 'paper';
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) expectedVersion?: number;
  @ApiPropertyOptional({ description: 'disburse: { contractNumber, amount }; supplement: the changed fields' })
  @IsOptional() @IsObject() data?: Record<string, unknown>;
}
