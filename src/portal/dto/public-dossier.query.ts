import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString } from 'class-validator';
import { IsPortalCode } from '../../common/validators';

export class PortalCodeParams {
  @ApiProperty({ example: '000.00.51.H55-200512-0001' }) @IsPortalCode() portalCode: string;
}

export class TaxCodeQuery {
  @ApiProperty({
    example: '4300123458',
    description: 'the applicant\'s tax code: proves the caller may follow the dossier. Required (400 when missing); a wrong or malformed one answers 404 like an unknown code',
  })
  @IsString()
  @IsNotEmpty()
  taxCode: string;
}
