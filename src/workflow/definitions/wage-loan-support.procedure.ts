// Pure: the steps, time limits, eligibility rules and refusal grounds of wage-loan-support.
import type { ProcedureDefinition, RejectGround } from '../types';
import { COMMON_REJECT_GROUNDS, MINIMUM_WAGES_2020, PROGRAMME_2020, PROGRAMME_2021 } from './programmes';

const GROUNDS: RejectGround[] = [
  {
    key: 'ineligible',
    label: 'Người sử dụng lao động hoặc người lao động ngừng việc không thuộc đối tượng hoặc không đủ điều kiện vay vốn',
    labelEn: 'the employer or its workers are not eligible for the loan',
    legalBasis: 'Quyết định 15/2020/QĐ-TTg; Quyết định 23/2021/QĐ-TTg (đối tượng, điều kiện vay vốn)',
  },
  {
    key: 'no-social-insurance',
    label: 'Người lao động ngừng việc không tham gia bảo hiểm xã hội bắt buộc',
    labelEn: 'the workers were not paying compulsory social insurance',
    legalBasis: 'Quyết định 15/2020/QĐ-TTg; Quyết định 23/2021/QĐ-TTg (đối tượng, điều kiện vay vốn)',
  },
  {
    key: 'loan-conditions-not-met',
    label: 'Không đáp ứng điều kiện cho vay của Ngân hàng Chính sách xã hội (nợ xấu, không đủ năng lực trả nợ)',
    labelEn: 'the Social Policy Bank\'s lending conditions are not met',
    legalBasis: 'Quyết định 15/2020/QĐ-TTg; Quyết định 23/2021/QĐ-TTg (đối tượng, điều kiện vay vốn)',
  },
  ...COMMON_REJECT_GROUNDS,
];

const NAME = 'Hỗ trợ người sử dụng lao động vay vốn để trả lương ngừng việc đối với người lao động do đại dịch Covid-19';

/**
 * Decision 15/2020/QĐ-TTg: the four steps of unpaid leave, then the Social Policy Bank lends at
 * most 50 % of the regional minimum wage per worker and month of stoppage, for at most 3 months.
 */
export const wageLoanSupportV1: ProcedureDefinition = {
  code: 'wage-loan-support',
  version: 1,
  name: NAME,
  legalBasis: PROGRAMME_2020.legalBasis,
  effectiveFrom: PROGRAMME_2020.effectiveFrom,
  intake: PROGRAMME_2020.intake,
  steps: [
    { key: 'submission', order: 1, actor: 'employer', timeLimitWorkingDays: null, advance: 'submit', maySupplement: false },
    { key: 'insurance-confirmation', order: 2, actor: 'social-insurance', timeLimitWorkingDays: 3, advance: 'confirm', maySupplement: true },
    { key: 'district-appraisal', order: 3, actor: 'district-pc', timeLimitWorkingDays: 3, advance: 'appraise', maySupplement: true },
    { key: 'provincial-approval', order: 4, actor: 'provincial-pc', timeLimitWorkingDays: 2, advance: 'approve', maySupplement: false },
    { key: 'bank-lending', order: 5, actor: 'social-policy-bank', timeLimitWorkingDays: 3, advance: 'disburse', maySupplement: false },
  ],
  outcome: 'disbursed',
  eligibility: { kind: 'wage-loan', period: PROGRAMME_2020.period, shareOfMinimumWage: 0.5, maxMonths: 3, minimumWages: MINIMUM_WAGES_2020 },
  rejectGrounds: GROUNDS,
};

/**
 * Decision 23/2021/QĐ-TTg: no People's Committee steps; BHXH confirms within 2 working days, then
 * the Social Policy Bank appraises and lends within 4, up to the regional minimum wage per worker
 * and month of a stoppage of at least 15 consecutive days (May 2021 – March 2022), for at most 3 months.
 */
export const wageLoanSupportV2: ProcedureDefinition = {
  code: 'wage-loan-support',
  version: 2,
  name: NAME,
  legalBasis: PROGRAMME_2021.legalBasis,
  effectiveFrom: PROGRAMME_2021.effectiveFrom,
  // Loans were made until 31 Mar 2022 (configurable: procedures publish --intake-until).
  intake: { from: PROGRAMME_2021.effectiveFrom, until: '2022-03-31' },
  steps: [
    { key: 'submission', order: 1, actor: 'employer', timeLimitWorkingDays: null, advance: 'submit', maySupplement: false },
    { key: 'insurance-confirmation', order: 2, actor: 'social-insurance', timeLimitWorkingDays: 2, advance: 'confirm', maySupplement: true },
    { key: 'bank-lending', order: 3, actor: 'social-policy-bank', timeLimitWorkingDays: 4, advance: 'disburse', maySupplement: false },
  ],
  outcome: 'disbursed',
  eligibility: {
    kind: 'wage-loan',
    period: { from: PROGRAMME_2021.period.from, until: '2022-03-31' },
    shareOfMinimumWage: 1,
    maxMonths: 3,
    minimumWages: MINIMUM_WAGES_2020,
    minDays: 15,
  },
  rejectGrounds: GROUNDS,
};
