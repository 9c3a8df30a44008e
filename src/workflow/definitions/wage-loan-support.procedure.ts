// Pure: the steps and time limits of wage-loan-support.
import type { ProcedureDefinition } from '../types';

/** Decision 15/2020/QĐ-TTg: the four steps of unpaid leave, then the Social Policy Bank lends. */
export const wageLoanSupportV1: ProcedureDefinition = {
  code: 'wage-loan-support',
  version: 1,
  name: 'Hỗ trợ người sử dụng lao động vay vốn để trả lương ngừng việc đối với người lao động do đại dịch Covid-19',
  legalBasis: 'Quyết định 15/2020/QĐ-TTg',
  steps: [
    { key: 'submission', order: 1, actor: 'employer', timeLimitWorkingDays: null, advance: 'submit', maySupplement: false },
    { key: 'insurance-confirmation', order: 2, actor: 'social-insurance', timeLimitWorkingDays: 3, advance: 'confirm', maySupplement: true },
    { key: 'district-appraisal', order: 3, actor: 'district-pc', timeLimitWorkingDays: 3, advance: 'appraise', maySupplement: true },
    { key: 'provincial-approval', order: 4, actor: 'provincial-pc', timeLimitWorkingDays: 2, advance: 'approve', maySupplement: false },
    { key: 'bank-lending', order: 5, actor: 'social-policy-bank', timeLimitWorkingDays: 3, advance: 'disburse', maySupplement: false },
  ],
  outcome: 'disbursed',
};
