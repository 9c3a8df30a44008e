// Pure: the vocabulary of API.md, shared by machines, services and the contract.
export const UNIT_KINDS = ['social-insurance', 'district-pc', 'provincial-pc', 'social-policy-bank', 'dolisa'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export type StepActor = UnitKind | 'employer';

export const ACTIONS = [
  'submit', 'confirm', 'appraise', 'approve', 'disburse', 'reject', 'request-supplement', 'supplement', 'withdraw',
] as const;
export type ActionName = (typeof ACTIONS)[number];

export const STATUSES = ['processing', 'awaiting-supplement', 'approved', 'rejected', 'withdrawn', 'disbursed'] as const;
export type DossierStatus = (typeof STATUSES)[number];

export interface StepDefinition {
  key: string;
  order: number;
  actor: StepActor;
  timeLimitWorkingDays: number | null;
  /** The action that completes the step and moves the dossier on. */
  advance: ActionName | null;
  /** Whether the step's unit may ask the applicant for a supplement. */
  maySupplement: boolean;
}

export interface ProcedureDefinition {
  code: string;
  version: number;
  name: string;
  legalBasis: string;
  steps: StepDefinition[];
  /** Final state reached when the last step advances. */
  outcome: 'approved' | 'disbursed';
}

export interface DossierContext {
  signed: boolean;
  channel: 'online' | 'paper';
  returnTo: string | null;
  supplementRequests: number;
}

export interface ActionEvent {
  type: ActionName;
  reason?: string | null;
  comment?: string | null;
  channel?: 'online' | 'paper' | null;
  data?: Record<string, unknown> | null;
}
