// Pure: the processing report's shape: its counts (the columns of Circular 01/2018's periodic
// report), its rows and the names the CSV and the views give them.
import type { ReportGroup } from './processing-report.query';

/** What happened to the dossiers of a period (the columns of Circular 01/2018's periodic report). */
export interface DossierCounts {
  /** Received before the period and not finished when it began (kỳ trước chuyển qua). */
  carriedOver: number;
  /** Received in the period. */
  received: number;
  /** Finished in the period with a result (approved, or disbursed), by the legal appointed date: */
  finishedEarly: number;
  finishedOnTime: number;
  finishedLateWithApology: number;
  finishedLate: number;
  /** Not finished at the end of the period, by the return date in force then. */
  inProgress: number;
  inProgressWithinTime: number;
  inProgressOverdue: number;
  /** Unfinished now and past the return date in force now. */
  overdueNow: number;
  withdrawn: number;
  rejected: number;
  /** finishedEarly + finishedOnTime, and finishedLateWithApology + finishedLate. */
  doneOnTime: number;
  doneLate: number;
}

/** What the period's results were; the service always gives them (optional for reports made without them). */
export interface ResultCounts {
  /** Refusals are results too, judged against the appointed date like an approval (rejected = both). */
  refusedOnTime: number;
  refusedLate: number;
  /** Of the dossiers finished with their result in the period: the workers supported, the support approved and the loans signed (VND). */
  workersSupported: number;
  fundsApproved: number;
  fundsLent: number;
}

/** How the steps that ended in the period went, charged to the unit (or official) that held them. */
export interface StepCounts {
  /** Steps ended in the period by their unit's action (advance or refusal); not those withdrawn. */
  stepsFinished: number;
  stepsFinishedLate: number;
  /** Steps started in the period whose hand-over came after the previous step's time limit. */
  handoversReceivedLate: number;
  /** Office hours the finished steps took (supplement pauses excluded): median and 90th percentile. */
  medianWorkingHours: number | null;
  p90WorkingHours: number | null;
}

export interface StepBreakdown extends StepCounts {
  procedureCode: string;
  step: string;
}

export type Counts = DossierCounts & StepCounts & Partial<ResultCounts>;

export interface ReportRow extends Counts {
  key: string | null;
  name: string | null;
  /** groupBy=unit: the unit's short name, for labels where the name does not fit (null: none set). */
  shortName?: string | null;
  /** groupBy=official: the official's ID number and unit. */
  idNumber?: string | null;
  unitCode?: string | null;
  /** groupBy=step: the step and its procedure. */
  procedureCode?: string | null;
  step?: string | null;
  /** groupBy=unit|procedure|official: the step figures per step held. */
  steps?: StepBreakdown[];
}

export interface ProcessingReport {
  from: string | null;
  to: string | null;
  groupBy: ReportGroup;
  procedure: string | null;
  at: string;
  rows: ReportRow[];
  totals: Counts;
}

export const DOSSIER_COLUMNS: (keyof DossierCounts)[] = [
  'carriedOver', 'received', 'finishedEarly', 'finishedOnTime', 'finishedLateWithApology', 'finishedLate',
  'inProgress', 'inProgressWithinTime', 'inProgressOverdue', 'overdueNow', 'withdrawn', 'rejected',
];
/** The columns of the results a period gave, after the others in CSV and JSON. */
export const RESULT_COLUMNS: (keyof ResultCounts)[] = ['refusedOnTime', 'refusedLate', 'workersSupported', 'fundsApproved', 'fundsLent'];
export const STEP_COLUMNS: (keyof StepCounts)[] = ['stepsFinished', 'stepsFinishedLate', 'handoversReceivedLate', 'medianWorkingHours', 'p90WorkingHours'];

