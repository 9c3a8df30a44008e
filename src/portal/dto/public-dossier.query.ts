import { ApiProperty } from '@nestjs/swagger';
import { IsPortalCode, IsTaxCode } from '../../common/validators';

export class PortalCodeParams {
  @ApiProperty({ example: '000.00.51.H55-200512-0001' }) @IsPortalCode() portalCode: string;
}

export class TaxCodeQuery {
  @ApiProperty({ example: '4300123458', description: 'the applicant\'s tax code: proves the caller may follow the dossier' })
  @IsTaxCode()
  taxCode: string;
}
