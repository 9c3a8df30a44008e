import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength,
  Min, ValidateIf, ValidateNested,
} from 'class-validator';
import {
  IsDistrictCode, IsInNow, IsIdNumber, IsInstant, IsPlausibleDate, IsPortalCode, IsProvinceCode, IsSocialInsuranceCode, IsTaxCode, IsText, IsVnPhone,
} from '../../common/validators';
import { procedureCodes } from '../../workflow/definitions';
import type { Worker } from '../../workflow/types';

/** Absent is fine; null is not (IsOptional would let it through). */
const unlessAbsent = () => ValidateIf((_: object, value: unknown) => value !== undefined);

export class ApplicantDto {
  @ApiProperty({ example: 'Công ty TNHH May Quảng Ngãi' }) @IsString() @IsText() @MaxLength(300) name: string;
  @ApiProperty({ example: '4300123458' }) @IsTaxCode() taxCode: string;
  @ApiProperty() @IsString() @IsText() @MaxLength(500) address: string;
  @ApiProperty({ example: '51' }) @IsProvinceCode() provinceCode: string;
  @ApiProperty({ example: '522' }) @IsDistrictCode() districtCode: string;
  @ApiPropertyOptional({ example: '02553822123' }) @IsOptional() @IsVnPhone() phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(254) email?: string;
}

export class SignatureDto {
  @ApiProperty({ enum: ['employer'] }) @IsIn(['employer']) signer: string;
  @ApiProperty({ example: '5402A1B2C3' }) @IsString() @Matches(/^[0-9A-Fa-f]{1,64}$/, { message: 'certificateSerial must be 1–64 hex digits' })
  certificateSerial: string;
  @ApiProperty() @IsInstant() signedAt: string;
}

export class WorkerDto implements Worker {
  @ApiProperty({ example: 'Nguyễn Thị A' }) @IsString() @IsText() @MaxLength(200) fullName: string;
  @ApiProperty({ example: '051190000123' }) @IsIdNumber() idNumber: string;
  @ApiProperty({ example: '5112345678' }) @IsSocialInsuranceCode() socialInsuranceCode: string;
  @ApiProperty({ example: '2020-04-01' }) @IsPlausibleDate() from: string;
  @ApiProperty({ example: '2020-06-30' }) @IsPlausibleDate() to: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsText() @MaxLength(200) department?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsText() @MaxLength(100) contractType?: string;
  @ApiPropertyOptional({ description: 'monthly wage to be paid (VND), for wage loans' })
  @IsOptional() @IsInt() @Min(0) @Max(1_000_000_000) wage?: number;
  @ApiPropertyOptional({ description: 'support amount (VND)' }) @IsOptional() @IsInt() @Min(0) @Max(1_000_000_000) amount?: number;
  @ApiPropertyOptional({ description: 'unpaid leave 2021: the worker is pregnant (1,000,000 VND more, Decision 23/2021/QĐ-TTg art. 14 cl. 2)' })
  @IsOptional() @IsBoolean() pregnant?: boolean;
  @ApiPropertyOptional({ minimum: 0, maximum: 20, description: 'unpaid leave 2021: children under 6 this worker raises, claimed by this one parent (1,000,000 VND more each, art. 14 cl. 2)' })
  @IsOptional() @IsInt() @Min(0) @Max(20) childrenUnderSix?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/^[0-9]{6,20}$/, { message: 'bankAccount must be 6–20 digits' })
  bankAccount?: string;
}

export class LoanDto {
  @ApiProperty({ description: 'VND' }) @IsInt() @Min(1) @Max(1_000_000_000_000) amount: number;
  @ApiProperty({ minimum: 1, maximum: 3 }) @IsInt() @Min(1) @Max(3) months: number;
  @ApiProperty() @IsString() @IsText() @MaxLength(200) bankBranch: string;
}

export class AttachmentDto {
  @ApiProperty() @IsString() @IsText() @MaxLength(255) name: string;
  @ApiProperty() @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 lowercase hex digits' }) sha256: string;
  @ApiPropertyOptional({ example: 'worker-list', description: 'the document it is: a `documents[].key` of the dossier\'s procedure version' })
  @IsOptional() @Matches(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, { message: 'document must be a document key (kebab-case)' }) @MaxLength(64) document?: string;
}

export class SubmitDossierDto {
  @ApiProperty({ example: '000.00.51.H55-200512-0001' }) @IsPortalCode() portalCode: string;
  @ApiProperty({ example: 'unpaid-leave-support', description: 'a procedure in the catalogue (GET /api/v1/procedures): a seed or a deployed one' })
  @IsInNow(procedureCodes)
  procedureCode: string;
  @ApiProperty({ example: '2020-05-12T09:30:00+07:00' }) @IsInstant() submittedAt: string;
  @ApiProperty({ type: ApplicantDto }) @IsObject() @ValidateNested() @Type(() => ApplicantDto) applicant: ApplicantDto;
  @ApiPropertyOptional({ type: SignatureDto, nullable: true })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => SignatureDto) signature?: SignatureDto | null;
  @ApiPropertyOptional({ type: [WorkerDto], description: 'required by the procedures whose rules judge workers (the seeds\'); absent from a deployed procedure\'s dossier that lists none' })
  @unlessAbsent() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(5000) @ValidateNested({ each: true }) @Type(() => WorkerDto) workers?: WorkerDto[];
  @ApiPropertyOptional({ type: LoanDto, nullable: true })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => LoanDto) loan?: LoanDto | null;
  @ApiPropertyOptional({ type: [AttachmentDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => AttachmentDto) attachments?: AttachmentDto[];
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'the procedure-specific fields, checked against the `content` JSON Schema of the dossier\'s version (400 naming content.<field>); the seeds\' schema takes none' })
  @unlessAbsent() @IsObject() content?: Record<string, unknown>;
}

/** What a supplement may replace: the same shapes as at submission (loan and signature may be null, as there). */
/**
 * What a supplement may change. Not the signature: it belongs to the submission, and whether the
 * dossier is signed decides the paper rule, so it is never changed after receipt (unknown field: 400).
 */
export class SupplementDataDto {
  @unlessAbsent() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(5000) @ValidateNested({ each: true }) @Type(() => WorkerDto) workers?: WorkerDto[];
  @unlessAbsent() @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => AttachmentDto) attachments?: AttachmentDto[];
  @IsOptional() @IsObject() @ValidateNested() @Type(() => LoanDto) loan?: LoanDto;
  @unlessAbsent() @IsObject() content?: Record<string, unknown>;
}
