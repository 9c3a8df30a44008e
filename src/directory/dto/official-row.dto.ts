import { IsEmail, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsIdNumber, IsText, IsVnPhone } from '../../common/validators';

/**
 * One line of officials.csv. Properties are the CSV columns, so every message names the column
 * the administrator has to fix; the rules are the ones the HTTP DTOs use.
 */
export class OfficialRowDto {
  @IsString()
  @IsText()
  @MaxLength(200)
  full_name: string;

  @IsIdNumber()
  id_number: string;

  @IsVnPhone()
  phone: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  unit_code: string;

  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;
}
