// Pure: the steps and time limits of unpaid-leave-support, version by version.
import type { ProcedureDefinition, RejectGround, StepDefinition } from '../types';
import { COMMON_REJECT_GROUNDS, PROGRAMME_2020, PROGRAMME_2021 } from './programmes';

const GROUNDS: RejectGround[] = [
  {
    key: 'ineligible',
    label: 'Người lao động không thuộc đối tượng hoặc không đủ điều kiện được hỗ trợ',
    labelEn: 'the workers are not eligible',
    legalBasis: 'Quyết định 15/2020/QĐ-TTg; Quyết định 23/2021/QĐ-TTg (đối tượng, điều kiện hỗ trợ)',
  },
  {
    key: 'no-social-insurance',
    label: 'Người lao động không tham gia bảo hiểm xã hội bắt buộc tại thời điểm tạm hoãn hoặc nghỉ việc không hưởng lương',
    labelEn: 'the workers were not paying compulsory social insurance when the leave began',
    legalBasis: 'Quyết định 15/2020/QĐ-TTg; Quyết định 23/2021/QĐ-TTg (đối tượng, điều kiện hỗ trợ)',
  },
  ...COMMON_REJECT_GROUNDS,
];

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

/**
 * Decision 15/2020/QĐ-TTg: BHXH 3, district 3, province 2 working days; 1,800,000 VND a month of
 * leave of at least one consecutive month inside April–June 2020, starting by 1 June, at most 3 months.
 */
export const unpaidLeaveSupportV1: ProcedureDefinition = {
  code: 'unpaid-leave-support',
  version: 1,
  name: NAME,
  legalBasis: PROGRAMME_2020.legalBasis,
  effectiveFrom: PROGRAMME_2020.effectiveFrom,
  intake: PROGRAMME_2020.intake,
  steps: steps(3, 3, 2),
  outcome: 'approved',
  eligibility: {
    kind: 'unpaid-leave-monthly',
    period: PROGRAMME_2020.period,
    startWindow: { from: '2020-04-01', until: '2020-06-01' },
    minMonths: 1,
    monthlyAmount: 1_800_000,
    maxMonths: 3,
  },
  rejectGrounds: GROUNDS,
};

/**
 * Decision 23/2021/QĐ-TTg: BHXH 2, district 2, province 2 working days; one-off 3,710,000 VND for
 * a leave of at least one month, 1,855,000 VND for 15 days to less than a month, inside May–December 2021;
 * 1,000,000 VND more to a pregnant worker and per child under 6 the worker raises (art. 14 cl. 2).
 */
export const unpaidLeaveSupportV2: ProcedureDefinition = {
  ...unpaidLeaveSupportV1,
  version: 2,
  legalBasis: PROGRAMME_2021.legalBasis,
  effectiveFrom: PROGRAMME_2021.effectiveFrom,
  intake: PROGRAMME_2021.intake,
  steps: steps(2, 2, 2),
  eligibility: {
    kind: 'unpaid-leave-one-off',
    period: PROGRAMME_2021.period,
    startWindow: PROGRAMME_2021.period,
    minDays: 15,
    fullAmount: 3_710_000,
    partialAmount: 1_855_000,
    extraSupport: { pregnant: 1_000_000, perChildUnderSix: 1_000_000 },
  },
};
