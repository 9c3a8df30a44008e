// The dossier register (form 06) as GET /reports/register answers it in JSON (register.ts).
import { ApiProperty } from '@nestjs/swagger';
import { REGISTER_OUTCOMES } from '../register';

const instant = { type: String, format: 'date-time' } as const;
const instantOrNull = { ...instant, nullable: true } as const;

export class RegisterUnitDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
}

export class RegisterProcedureDto {
  @ApiProperty() code: string;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty() name: string;
}

export class RegisterApplicantDto {
  @ApiProperty() name: string;
  @ApiProperty() address: string;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
}

export class RegisterCompetentUnitDto {
  @ApiProperty({ type: String, nullable: true, description: 'null when no unit of that kind is registered for the dossier\'s area' }) code: string | null;
  @ApiProperty({ description: 'the unit\'s name, else the kind of agency' }) name: string;
}

export class RegisterApologyDto {
  @ApiProperty({ example: '1/PXL' }) number: string;
  @ApiProperty(instant) newReturnDate: string;
}

/** One dossier the unit received: a line of form 06. */
export class RegisterRowDto {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'STT: the line\'s number, in the order of receipt' }) n: number;
  @ApiProperty({ format: 'uuid' }) dossierId: string;
  @ApiProperty({ description: 'Mã hồ sơ' }) portalCode: string;
  @ApiProperty({ type: RegisterProcedureDto }) procedure: RegisterProcedureDto;
  @ApiProperty({ type: 'integer', description: 'Số lượng hồ sơ (bộ): an online dossier is one set' }) copies: number;
  @ApiProperty({ type: RegisterApplicantDto }) applicant: RegisterApplicantDto;
  @ApiProperty({ type: RegisterCompetentUnitDto, description: 'Cơ quan chủ trì giải quyết: the agency of the procedure\'s last step' }) competentUnit: RegisterCompetentUnitDto;
  @ApiProperty({ ...instant, description: 'Nhận hồ sơ: the portal\'s submission for the receiving unit (the legal receipt, as on forms 01 and 05), else the hand-over to this unit' }) receivedAt: string;
  @ApiProperty({ ...instantOrNull, description: 'Hẹn trả kết quả: the return date appointed at receipt (form 01)' }) appointedReturnAt: string | null;
  @ApiProperty({ ...instantOrNull, description: 'Chuyển hồ sơ đến cơ quan giải quyết: when the unit handed it to the next agency' }) forwardedAt: string | null;
  @ApiProperty({ ...instantOrNull, description: 'Nhận kết quả từ cơ quan giải quyết: when the dossier ended with a result or a refusal' }) resultReceivedAt: string | null;
  @ApiProperty({ ...instantOrNull, description: 'Trả kết quả cho cá nhân, tổ chức: the result returned (a refusal or a loan: at once, through the portal)' }) returnedAt: string | null;
  @ApiProperty({ example: 'approved' }) status: string;
  @ApiProperty({ enum: REGISTER_OUTCOMES, description: 'how it stands: a result judged against the legal appointed date, a refusal, a withdrawal, or still open' }) outcome: string;
  @ApiProperty({ description: 'unfinished and past its return date in force now' }) overdue: boolean;
  @ApiProperty({ type: RegisterApologyDto, nullable: true }) apology: RegisterApologyDto | null;
  @ApiProperty({ description: 'Ghi chú, as the form prints it' }) note: string;
}

export class RegisterDto {
  @ApiProperty({ type: RegisterUnitDto }) unit: RegisterUnitDto;
  @ApiProperty({ format: 'date', example: '2020-05-01' }) from: string;
  @ApiProperty({ format: 'date', example: '2020-05-31' }) to: string;
  @ApiProperty({ ...instant, description: 'when the register was read' }) at: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) total: number;
  @ApiProperty({ type: [RegisterRowDto] }) rows: RegisterRowDto[];
}
