// What the dossier endpoints answer, as the OpenAPI document describes it (dossier-view.ts builds it).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { STATUSES } from '../../workflow/types';
import { ApplicantDto } from './submit-dossier.dto';

const instant = { type: String, format: 'date-time' } as const;
const instantOrNull = { ...instant, nullable: true } as const;

export class DossierStepDto {
  @ApiProperty({ example: 'district-appraisal' }) key: string;
  @ApiProperty({ example: 'district-pc', description: 'the unit kind that acts on the step (employer for submission)' }) actor: string;
  @ApiProperty(instantOrNull) startedAt: string | null;
  @ApiProperty({ ...instantOrNull, description: 'the step\'s time limit; null when the step has none' }) dueAt: string | null;
  @ApiProperty() overdue: boolean;
}

export class InsuranceSignatureDto {
  @ApiProperty({ example: '5402A1B2C3' }) certificateSerial: string;
  @ApiProperty(instant) signedAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'the confirming BHXH unit' }) unitCode: string | null;
}

export class FindingDto {
  @ApiProperty({ example: 'LEAVE_TOO_SHORT' }) rule: string;
  @ApiProperty({ enum: ['ok', 'check'] }) status: string;
  @ApiProperty({ description: 'a categorical exclusion by the law: the dossier can only be rejected or corrected' }) blocking: boolean;
  @ApiProperty() reason: string;
  @ApiProperty() reasonVi: string;
}

export class WorkerFindingsDto {
  @ApiProperty({ type: 'integer', description: 'the worker\'s 0-based index in the submitted list' }) index: number;
  @ApiProperty({ type: 'integer', description: 'the worker\'s number: its 1-based position in the submitted list (index + 1), never renumbered' }) n: number;
  @ApiProperty({ enum: ['ok', 'check'] }) status: string;
  @ApiProperty() blocking: boolean;
  @ApiProperty({ type: 'integer', description: 'days of leave or stoppage inside the programme\'s period' }) days: number;
  @ApiProperty({ type: 'integer', description: 'whole months of it' }) months: number;
  @ApiProperty({ type: Number, nullable: true, description: 'unpaid leave: the support the law gives this worker (VND)' }) supportAmount: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'wage loan: the most the bank may lend for this worker (VND)' }) loanCap: number | null;
  @ApiProperty({ type: [FindingDto] }) findings: FindingDto[];
}

export class EligibilityTotalsDto {
  @ApiProperty({ type: 'integer' }) workers: number;
  @ApiProperty({ type: 'integer' }) eligibleWorkers: number;
  @ApiProperty({ type: 'integer' }) blockedWorkers: number;
  @ApiProperty({ type: Number, nullable: true, description: 'unpaid leave: the sum of the workers\' support (VND)' }) supportAmount: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'wage loan: the most the bank may lend for the dossier (VND)' }) loanCap: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'wage loan: what was asked (VND)' }) loanRequested: number | null;
}

/** What a dossier keeps of its eligibility findings: the workers needing a look, at most 50. */
export class EligibilitySummaryDto {
  @ApiProperty({ enum: ['ok', 'check'] }) status: string;
  @ApiProperty() blocking: boolean;
  @ApiProperty({ type: [FindingDto], description: 'dossier-level findings (totals, the loan)' }) findings: FindingDto[];
  @ApiProperty({ type: EligibilityTotalsDto }) totals: EligibilityTotalsDto;
  @ApiProperty({ type: [WorkerFindingsDto] }) workersToCheck: WorkerFindingsDto[];
  @ApiProperty({ type: 'integer', description: 'workers needing a look beyond those listed' }) moreWorkersToCheck: number;
}

/** GET /dossiers/{id}/eligibility: every worker's findings, computed now under the dossier's version's rules. */
export class EligibilityDto {
  @ApiProperty({ example: 'unpaid-leave-support' }) procedureCode: string;
  @ApiProperty({ type: 'integer' }) procedureVersion: number;
  @ApiProperty() legalBasis: string;
  @ApiProperty({ enum: ['ok', 'check'] }) status: string;
  @ApiProperty() blocking: boolean;
  @ApiProperty({ type: [FindingDto] }) findings: FindingDto[];
  @ApiProperty({ type: [WorkerFindingsDto] }) workers: WorkerFindingsDto[];
  @ApiProperty({ type: EligibilityTotalsDto }) totals: EligibilityTotalsDto;
}

/** A worker of the dossier, by number. */
export class DossierWorkerDto {
  @ApiProperty({ type: 'integer', description: '1-based position in the submitted list, never renumbered; data.exclude names workers by it' }) n: number;
  @ApiProperty() fullName: string;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ description: 'left out by the appraisal or the approval (see excludedWorkers)' }) excluded: boolean;
}

/** An official a decision names. */
export class NamedOfficialDto {
  @ApiProperty({ format: 'uuid' }) officialId: string;
  @ApiProperty() fullName: string;
}

/** A worker the decision approves, with the amount (VND). */
export class ApprovedWorkerDto {
  @ApiProperty({ type: 'integer', description: 'the worker\'s number in the dossier (workers[].n)' }) n: number;
  @ApiProperty() fullName: string;
  @ApiProperty({ type: 'integer', description: 'VND: the support, or for a wage loan the most lent for the worker' }) amount: number;
}

/** The provincial People's Committee's decision approving the dossier's list and funds. */
export class DecisionDto {
  @ApiProperty({ example: '12/QĐ-UBND', description: 'numbered per provincial People\'s Committee and year' }) number: string;
  @ApiProperty(instant) issuedAt: string;
  @ApiProperty({ type: NamedOfficialDto, description: 'who signed it for the Committee' }) signer: NamedOfficialDto;
  @ApiProperty({ type: NamedOfficialDto, description: 'the approving official, who prepared it' }) preparedBy: NamedOfficialDto;
  @ApiProperty({ type: [ApprovedWorkerDto] }) workers: ApprovedWorkerDto[];
  @ApiProperty({ type: 'integer', description: 'VND' }) total: number;
  @ApiProperty({ example: 'Năm triệu bốn trăm nghìn đồng' }) totalInWords: string;
  @ApiProperty({ example: 'decision-7', description: 'its id in GET /dossiers/{id}/documents' }) documentId: string;
}

/** A worker a step left out, and why. */
export class ExcludedWorkerDto {
  @ApiProperty({ type: 'integer' }) n: number;
  @ApiProperty({ example: 'not-in-programme-period', description: 'one of the procedure version\'s rejectGrounds' }) ground: string;
  @ApiProperty() reason: string;
  @ApiProperty({ example: 'district-appraisal', description: 'the step that left the worker out' }) step: string;
}

/** One monthly payment of the loan, made directly to the workers it names. */
export class LoanPaymentDto {
  @ApiProperty({ example: '2021-10', description: 'the month paid (YYYY-MM)' }) month: string;
  @ApiProperty({ type: 'integer', description: 'VND' }) amount: number;
  @ApiProperty({ type: [Number], description: 'the workers paid, by n' }) workers: number[];
}

/** The bank's loan (Decision 15/2020/QĐ-TTg ch. VII; Decision 23/2021/QĐ-TTg art. 38–42). */
export class BankLoanDto {
  @ApiProperty({ example: 'HD-2021-07' }) contractNumber: string;
  @ApiProperty({ type: 'integer', description: 'VND, at most the findings\' cap of the workers lent for' }) amount: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 12 }) termMonths: number;
  @ApiProperty({ enum: [0], description: 'interest: none' }) interestRate: number;
  @ApiProperty({ enum: [0.12], description: 'overdue interest, a year' }) overdueInterestRate: number;
  @ApiProperty({ enum: [false], description: 'no collateral is asked' }) collateral: boolean;
  @ApiProperty(instant) signedAt: string;
  @ApiProperty({ type: [Number], description: 'the workers the loan is for, by n' }) workers: number[];
  @ApiProperty({ type: [LoanPaymentDto] }) payments: LoanPaymentDto[];
  @ApiProperty({ type: 'integer', description: 'the sum of the payments; the dossier is disbursed when it reaches amount' }) paid: number;
}

/** A dossier, as every endpoint returns it, for the calling principal. */
export class DossierDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '000.00.51.H55-200512-0001' }) portalCode: string;
  @ApiProperty({ example: 'unpaid-leave-support' }) procedureCode: string;
  @ApiProperty({ type: 'integer', example: 1 }) procedureVersion: number;
  @ApiProperty({ example: 'district-appraisal', description: 'the machine\'s state: a step key, awaiting-supplement, disbursing, or a final state' }) state: string;
  @ApiProperty({ enum: STATUSES }) status: string;
  @ApiProperty({ type: DossierStepDto, nullable: true, description: 'null while the applicant holds the dossier (awaiting-supplement), once the loan is signed (disbursing) and in a final state' }) currentStep: DossierStepDto | null;
  @ApiProperty({ ...instantOrNull, description: 'the return date in force (an apology moves it)' }) dueAt: string | null;
  @ApiProperty({ ...instantOrNull, description: 'the legal appointed return date (moved only by supplement pauses)' }) appointedReturnDate: string | null;
  @ApiProperty(instant) receivedAt: string;
  @ApiProperty({ ...instant, description: 'when the portal received it: the legal clock\'s start' }) submittedAt: string;
  @ApiProperty({ ...instantOrNull, description: 'the receiving unit accepts or asks for a supplement by then; null once it has' }) receiptDueAt: string | null;
  @ApiProperty({ type: 'integer', description: 'supplement requests made so far' }) supplementRequests: number;
  @ApiProperty({ type: InsuranceSignatureDto, nullable: true, description: 'BHXH\'s digital signature, given with confirm; null until then, and when BHXH confirmed without one' }) insuranceSignature: InsuranceSignatureDto | null;
  @ApiProperty({ ...instantOrNull, description: 'when the result was returned to the applicant (portal code 10)' }) resultReturnedAt: string | null;
  @ApiProperty({ type: EligibilitySummaryDto, nullable: true }) eligibility: EligibilitySummaryDto | null;
  @ApiProperty({ type: ApplicantDto }) applicant: ApplicantDto;
  @ApiProperty({ type: 'integer' }) workerCount: number;
  @ApiPropertyOptional({ type: [DossierWorkerDto], description: 'GET /dossiers/{id} only: the workers by number' }) workers?: DossierWorkerDto[];
  @ApiProperty({ type: [ExcludedWorkerDto], description: 'the workers the appraisal and the approval left out, in the order they were' }) excludedWorkers: ExcludedWorkerDto[];
  @ApiProperty({ type: DecisionDto, nullable: true, description: 'the provincial decision, once the province approved; null before and for versions without one' })
  decision: DecisionDto | null;
  @ApiProperty({ type: BankLoanDto, nullable: true, description: 'the bank\'s loan, from disburse on; null before and for other procedures' }) loan: BankLoanDto | null;
  @ApiProperty({ description: 'the employer signed the dossier digitally' }) signed: boolean;
  @ApiProperty({ type: [String], example: ['appraise', 'reject', 'request-supplement'], description: 'what the calling principal may do now' }) availableActions: string[];
  @ApiProperty({ type: 'integer', description: 'for expectedVersion' }) version: number;
  @ApiProperty(instant) createdAt: string;
  @ApiProperty(instant) updatedAt: string;
}

export class EventActorDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) principalId: string | null;
  @ApiProperty({ example: 'official', description: 'integration, official, admin, or public (a citizen on a public route)' }) kind: string;
  @ApiProperty({ type: String, nullable: true }) unitCode: string | null;
}

/** One entry of a dossier's history, hash-chained to the one before. */
export class HistoryEntryDto {
  @ApiProperty({ format: 'uuid' }) dossierId: string;
  @ApiProperty({ type: 'integer', description: 'the dossier\'s version this entry made' }) seq: number;
  @ApiProperty({ example: 'action', description: 'what happened: submit, action, apology, result-returned, …' }) type: string;
  @ApiProperty({ type: String, nullable: true, example: 'appraise' }) action: string | null;
  @ApiProperty({ type: String, nullable: true }) fromState: string | null;
  @ApiProperty() toState: string;
  @ApiProperty({ type: EventActorDto }) actor: EventActorDto;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'SHA-256 of the entry\'s data (kept out of the answer: it may hold personal data)' }) dataHash: string | null;
  @ApiProperty(instant) at: string;
  @ApiProperty({ description: 'SHA-256 over this entry and prevHash' }) hash: string;
  @ApiProperty({ type: String, nullable: true, description: 'the previous entry\'s hash; null for the first' }) prevHash: string | null;
}
