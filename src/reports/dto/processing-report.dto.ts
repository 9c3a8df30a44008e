// The processing report as GET /reports/processing answers it in JSON (processing-report.ts).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GROUPS } from '../processing-report.query';

const count = (description?: string) => ApiProperty({ type: 'integer', minimum: 0, description });
const hours = (description: string) => ApiProperty({ type: Number, nullable: true, description });

/** The step figures: steps that ended in the period, charged to the unit (or official) that held them. */
class StepCountsDto {
  @count('steps ended in the period by their unit\'s action (advance or refusal)') stepsFinished: number;
  @count() stepsFinishedLate: number;
  @count('steps started in the period whose hand-over came after the previous step\'s time limit') handoversReceivedLate: number;
  @hours('office hours the finished steps took, supplement pauses excluded: the median') medianWorkingHours: number | null;
  @hours('… and the 90th percentile') p90WorkingHours: number | null;
}

/** The columns of Circular 01/2018's periodic report, then the step figures. */
export class ReportCountsDto extends StepCountsDto {
  @count('received before the period and not finished when it began') carriedOver: number;
  @count('received in the period') received: number;
  @count('finished with a result in the period, before the legal appointed date') finishedEarly: number;
  @count() finishedOnTime: number;
  @count() finishedLateWithApology: number;
  @count() finishedLate: number;
  @count('not finished at the end of the period') inProgress: number;
  @count() inProgressWithinTime: number;
  @count() inProgressOverdue: number;
  @count('unfinished now and past the return date in force now') overdueNow: number;
  @count() withdrawn: number;
  @count() rejected: number;
  @count('refused in the period by the legal appointed date (a refusal is a result)') refusedOnTime: number;
  @count('refused in the period after it') refusedLate: number;
  @count('the workers supported by the dossiers finished with their result in the period (a loan\'s workers, else the eligible workers approved)') workersSupported: number;
  @count('VND: the support approved by those dossiers') fundsApproved: number;
  @count('VND: the loans signed by those dossiers') fundsLent: number;
  @count('finishedEarly + finishedOnTime') doneOnTime: number;
  @count('finishedLateWithApology + finishedLate') doneLate: number;
}

export class StepBreakdownDto extends StepCountsDto {
  @ApiProperty() procedureCode: string;
  @ApiProperty() step: string;
}

export class ReportRowDto extends ReportCountsDto {
  @ApiProperty({ type: String, nullable: true, description: 'the unit code, procedure code, official id or step key; null for dossiers no one held' }) key: string | null;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'groupBy=unit: the unit\'s short name for labels (units.csv `short_name`); null when none is set' }) shortName?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'groupBy=official' }) idNumber?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'groupBy=official' }) unitCode?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'groupBy=step' }) procedureCode?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'groupBy=step' }) step?: string | null;
  @ApiPropertyOptional({ type: [StepBreakdownDto], description: 'groupBy=unit|procedure|official: the step figures per step held' }) steps?: StepBreakdownDto[];
}

export class ProcessingReportDto {
  @ApiProperty({ type: String, nullable: true, description: 'the period as asked' }) from: string | null;
  @ApiProperty({ type: String, nullable: true }) to: string | null;
  @ApiProperty({ enum: GROUPS }) groupBy: string;
  @ApiProperty({ type: String, nullable: true, description: 'the procedure filter, if any' }) procedure: string | null;
  @ApiProperty({ type: String, format: 'date-time', description: 'when the report was computed' }) at: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'how fresh its data is (as X-Data-As-Of): the replica\'s last replayed commit, or now when read on the primary' }) asOf: string;
  @ApiProperty({ type: [ReportRowDto] }) rows: ReportRowDto[];
  @ApiProperty({ type: ReportCountsDto }) totals: ReportCountsDto;
}
