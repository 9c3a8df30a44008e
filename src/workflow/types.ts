// Pure: the vocabulary of docs/api.md, shared by machines, services and the contract.
import type { UnitKind } from '../common/unit-kinds';

/** Who acts on a step: the applicant at submission (`employer` for the seeds), else a unit kind (a registered one or one a definition declares). */
export type StepActor = UnitKind | 'employer' | 'applicant' | (string & {});

/** The seeds' actions (their transition tables are frozen on these); a deployed step names its own `advance`. */
export const ACTIONS = [
  'submit', 'accept', 'confirm', 'appraise', 'approve', 'disburse', 'record-payment', 'reject', 'request-supplement', 'supplement', 'withdraw',
] as const;
/** An action of the engine's, of a seed's, or a deployed step's own `advance` (kebab-case). */
export type ActionName = (typeof ACTIONS)[number] | (string & {});

export const STATUSES = ['processing', 'awaiting-supplement', 'approved', 'rejected', 'withdrawn', 'disbursing', 'disbursed'] as const;
export type DossierStatus = (typeof STATUSES)[number];

export interface StepDefinition {
  key: string;
  order: number;
  actor: StepActor;
  /** The step's name in Vietnamese, as forms and the portal show it. */
  label: string;
  labelEn?: string;
  timeLimitWorkingDays: number | null;
  /** The action that completes the step and moves the dossier on. */
  advance: ActionName | null;
  /** The advancing action's name in Vietnamese. */
  advanceLabel?: string;
  /** Whether the step's unit may ask the applicant for a supplement. */
  maySupplement: boolean;
}

/** The applicant's actor of the first step: `employer` for the seeds, `applicant` for a deployed procedure. */
export const isApplicant = (actor: string): boolean => actor === 'employer' || actor === 'applicant';

/** A unit kind a procedure needs beyond the registered ones. */
export interface UnitKindDefinition {
  code: string;
  name: string;
  level: 'province' | 'district';
}

/** A document a dossier carries; a required one must be named by an attachment. */
export interface DocumentDefinition {
  key: string;
  name: string;
  required: boolean;
}

export interface ProcedureDefinition {
  code: string;
  version: number;
  name: string;
  legalBasis: string;
  /** The day the legal text takes effect (YYYY-MM-DD, Vietnam): no dossier gets this version before it. */
  effectiveFrom: string;
  /** The days (inclusive, Vietnam) a dossier of this version may be submitted on; `until` null: open. */
  intake: DateRange<string | null>;
  steps: StepDefinition[];
  /** Final state reached when the last step advances. */
  outcome: 'approved' | 'disbursed';
  /** What the law fixes about who gets how much: the eligibility findings are computed from it; null: none. */
  eligibility: EligibilityRules | null;
  /** The closed list of grounds a refusal may give (with free text beside it). */
  rejectGrounds: RejectGround[];
  unitKinds: UnitKindDefinition[];
  documents: DocumentDefinition[];
  /** A JSON Schema (draft-07) of the procedure-specific part of a dossier. */
  content: Record<string, unknown>;
}

export interface RejectGround {
  key: string;
  /** As the refusal (form 03) words it. */
  label: string;
  labelEn?: string;
  legalBasis: string;
  /** Only once the applicant was asked for a supplement (it answers that request). */
  afterSupplementOnly?: boolean;
}

/** Days YYYY-MM-DD, both included. */
export interface DateRange<Until = string> {
  from: string;
  until: Until;
}

/** Regional minimum wages (VND per month) by region 1–4. */
export type MinimumWages = Record<1 | 2 | 3 | 4, number>;

export type EligibilityRules =
  | {
      /** Decision 15/2020: a monthly amount for each month of leave, up to a number of months. */
      kind: 'unpaid-leave-monthly';
      /** The leave counts only inside this period. */
      period: DateRange;
      /** The leave must start inside this range. */
      startWindow: DateRange;
      minMonths: number;
      monthlyAmount: number;
      maxMonths: number;
    }
  | {
      /** Decision 23/2021: a one-off amount by the length of the leave. */
      kind: 'unpaid-leave-one-off';
      period: DateRange;
      startWindow: DateRange;
      minDays: number;
      /** Paid for a leave of at least one month. */
      fullAmount: number;
      /** Paid for a leave of `minDays` to less than one month. */
      partialAmount: number;
      /** Decision 23/2021 art. 14 cl. 2: paid on top to a pregnant worker, and per child under 6 the worker raises. */
      extraSupport?: { pregnant: number; perChildUnderSix: number };
    }
  | {
      /** A loan to pay wages during a work stoppage: a share of the regional minimum wage per worker and month. */
      kind: 'wage-loan';
      period: DateRange;
      shareOfMinimumWage: number;
      maxMonths: number;
      minimumWages: MinimumWages;
      /** Decision 23/2021: the stoppage lasts at least this many consecutive days inside the period. */
      minDays?: number;
    };

/** A worker as a dossier lists them (form 01 of Decision 15/2020; form 12 for wage loans). */
export interface Worker {
  fullName: string;
  idNumber: string;
  socialInsuranceCode: string;
  /** The leave or stoppage, days YYYY-MM-DD, both included. */
  from: string;
  to: string;
  department?: string;
  contractType?: string;
  /** Monthly wage to be paid (VND), for wage loans. */
  wage?: number;
  /** Support amount (VND) as the employer put it. */
  amount?: number;
  /** Unpaid leave 2021: the worker is pregnant (Decision 23/2021 art. 14 cl. 2). */
  pregnant?: boolean;
  /** Unpaid leave 2021: children under 6 the worker raises, claimed by this one parent (art. 14 cl. 2). */
  childrenUnderSix?: number;
  bankAccount?: string;
}

export interface DossierContext {
  signed: boolean;
  channel: 'online' | 'paper';
  returnTo: string | null;
  supplementRequests: number;
  /**
   * The receiving unit accepted the dossier (tiếp nhận): `accept`, or its first other action but a
   * refusal. Absent from snapshots stored before acceptance was recorded: those count as accepted.
   */
  accepted?: boolean;
  /** The bank's loan once signed: its amount and what was paid out so far (VND). */
  loan?: { amount: number; paid: number };
}

export interface ActionEvent {
  type: ActionName;
  reason?: string | null;
  comment?: string | null;
  channel?: 'online' | 'paper' | null;
  data?: Record<string, unknown> | null;
}
