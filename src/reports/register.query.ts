import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { IsDateOnly } from '../common/validators';

/** GET /reports/register: whose register, for which days. */
export class RegisterQuery {
  @ApiProperty({ example: 'BHXH-522', description: 'the unit whose register it is' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,32}$/, { message: 'unit must be a unit code' })
  unit: string;

  @ApiProperty({ example: '2020-05-01', description: 'first day of the period, YYYY-MM-DD (Vietnam time)' })
  @IsDateOnly()
  from: string;

  @ApiProperty({ example: '2020-05-31', description: 'last day of the period, YYYY-MM-DD, included; at most 366 days after from' })
  @IsDateOnly()
  to: string;
}
