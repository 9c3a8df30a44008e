// Pure: the steps and time limits of unpaid-leave-support, version by version.
import type { ProcedureDefinition, StepDefinition } from '../types';

const NAME =
  'Hỗ trợ người lao động tạm hoãn thực hiện hợp đồng lao động hoặc nghỉ việc không hưởng lương do đại dịch Covid-19';

function steps(insurance: number, district: number, province: number): StepDefinition[] {
  return [
    { key: 'submission', order: 1, actor: 'employer', timeLimitWorkingDays: null, advance: 'submit', maySupplement: false },
    { key: 'insurance-confirmation', order: 2, actor: 'social-insurance', timeLimitWorkingDays: insurance, advance: 'confirm', maySupplement: true },
    { key: 'district-appraisal', order: 3, actor: 'district-pc', timeLimitWorkingDays: district, advance: 'appraise', maySupplement: true },
    { key: 'provincial-approval', order: 4, actor: 'provincial-pc', timeLimitWorkingDays: province, advance: 'approve', maySupplement: false },
  ];
}

/** Decision 15/2020/QĐ-TTg: BHXH 3, district 3, province 2 working days. */
export const unpaidLeaveSupportV1: ProcedureDefinition = {
  code: 'unpaid-leave-support',
  version: 1,
  name: NAME,
  legalBasis: 'Quyết định 15/2020/QĐ-TTg',
  steps: steps(3, 3, 2),
  outcome: 'approved',
};

/** Decision 23/2021/QĐ-TTg: BHXH 2, district 2, province 2 working days. */
export const unpaidLeaveSupportV2: ProcedureDefinition = {
  ...unpaidLeaveSupportV1,
  version: 2,
  legalBasis: 'Quyết định 23/2021/QĐ-TTg',
  steps: steps(2, 2, 2),
};
