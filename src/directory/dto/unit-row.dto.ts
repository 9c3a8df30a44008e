import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsDistrictCode, IsProvinceCode, IsText } from '../../common/validators';
import { UNIT_KINDS, type UnitKind } from '../../common/unit-kinds';

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

  @IsIn(UNIT_KINDS, { message: `kind must be one of ${UNIT_KINDS.join(', ')}` })
  kind: UnitKind;

  @IsProvinceCode()
  province_code: string;

  @IsOptional()
  @IsDistrictCode()
  district_code?: string;
}
