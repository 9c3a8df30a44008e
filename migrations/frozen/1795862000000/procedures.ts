// The steps of every procedure version as they stood when the step record was added (code, version,
// then each step: key, acting unit kind, time limit in working days).
export interface FrozenStep {
  key: string;
  actor: string;
  timeLimitWorkingDays: number | null;
}

export interface FrozenProcedure {
  code: string;
  version: number;
  steps: FrozenStep[];
}

const TABLE: { code: string; version: number; steps: [string, string, number | null][] }[] = [
  { code: "unpaid-leave-support", version: 1, steps: [["submission", "employer", null], ["insurance-confirmation", "social-insurance", 3], ["district-appraisal", "district-pc", 3], ["provincial-approval", "provincial-pc", 2]] },
  { code: "unpaid-leave-support", version: 2, steps: [["submission", "employer", null], ["insurance-confirmation", "social-insurance", 2], ["district-appraisal", "district-pc", 2], ["provincial-approval", "provincial-pc", 2]] },
  { code: "wage-loan-support", version: 1, steps: [["submission", "employer", null], ["insurance-confirmation", "social-insurance", 3], ["district-appraisal", "district-pc", 3], ["provincial-approval", "provincial-pc", 2], ["bank-lending", "social-policy-bank", 3]] },
  { code: "wage-loan-support", version: 2, steps: [["submission", "employer", null], ["insurance-confirmation", "social-insurance", 2], ["bank-lending", "social-policy-bank", 4]] },
];

export const PROCEDURES: FrozenProcedure[] = TABLE.map((p) => ({ ...p, steps: p.steps.map(([key, actor, timeLimitWorkingDays]) => ({ key, actor, timeLimitWorkingDays })) }));
