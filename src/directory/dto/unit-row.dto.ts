import { IsOptional, IsString, Matches, MaxLength, ValidateBy } from 'class-validator';
import { IsDistrictCode, IsProvinceCode, IsText } from '../../common/validators';
import { knownUnitKinds, type UnitKind } from '../../common/unit-kinds';

/** One line of units.csv; properties are the CSV columns, so messages name them. */
export class UnitRowDto {
  @Matches(/^[A-Za-z0-9._-]{1,32}$/, { message: 'code must be 1–32 characters of A-Z a-z 0-9 . _ -' })
  code: string;

  @IsString()
  @IsText()
  @MaxLength(300)
  name: string;

  @IsOptional()
  @IsString()
  @MaxLength(60)
  short_name?: string;

  // Read as each row is checked: deploying a procedure may have registered a kind since start.
  @ValidateBy({ name: 'isIn', validator: { validate: (v) => knownUnitKinds().includes(v as string), defaultMessage: () => `kind must be one of ${knownUnitKinds().join(', ')}` } })
  kind: UnitKind;

  @IsProvinceCode()
  province_code: string;

  @IsOptional()
  @IsDistrictCode()
  district_code?: string;
}
