// Pure: figures the two programmes share, each from its legal text.
import type { MinimumWages, RejectGround } from '../types';

/** Regional minimum wages of Decree 90/2019/NĐ-CP, in force from 2020 until 30 Jun 2022 (unchanged in 2021). */
export const MINIMUM_WAGES_2020: MinimumWages = { 1: 4_420_000, 2: 3_920_000, 3: 3_430_000, 4: 3_070_000 };

/** Decision 15/2020/QĐ-TTg (24 Apr 2020, in force from signing): support for April–June 2020. */
export const PROGRAMME_2020 = {
  legalBasis: 'Quyết định 15/2020/QĐ-TTg',
  effectiveFrom: '2020-04-24',
  // The last day dossiers were taken: not stated in the texts this service was built from (configurable: procedures publish --intake-until).
  intake: { from: '2020-04-24', until: '2020-12-31' },
  period: { from: '2020-04-01', until: '2020-06-30' },
} as const;

/** Decision 23/2021/QĐ-TTg (7 Jul 2021, in force from signing): the 2021 programme of Resolution 68/NQ-CP. */
export const PROGRAMME_2021 = {
  legalBasis: 'Quyết định 23/2021/QĐ-TTg',
  effectiveFrom: '2021-07-07',
  // Dossiers of the 2021 support are received until 31 Jan 2022 (Decision 23/2021/QĐ-TTg); its wage loans are made until 31 Mar 2022.
  intake: { from: '2021-07-07', until: '2022-01-31' },
  period: { from: '2021-05-01', until: '2021-12-31' },
} as const;

/** Grounds of refusal both programmes share; each procedure adds its own. */
export const COMMON_REJECT_GROUNDS: RejectGround[] = [
  {
    key: 'not-in-programme-period',
    label: 'Thời gian tạm hoãn hợp đồng, nghỉ việc không hưởng lương hoặc ngừng việc không thuộc thời gian áp dụng chính sách',
    labelEn: 'the period is not in the programme\'s period',
    legalBasis: 'Quyết định 15/2020/QĐ-TTg, Quyết định 23/2021/QĐ-TTg (đối tượng và điều kiện hỗ trợ)',
  },
  {
    key: 'incomplete-after-supplement',
    label: 'Hồ sơ không được bổ sung, hoàn thiện theo Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
    labelEn: 'the dossier is still incomplete after the supplement asked for',
    legalBasis: 'Nghị định 61/2018/NĐ-CP (yêu cầu bổ sung, hoàn thiện hồ sơ)',
    afterSupplementOnly: true,
  },
  {
    key: 'duplicate',
    label: 'Hồ sơ trùng lặp: người lao động đã được đề nghị hoặc nhận hỗ trợ theo hồ sơ khác',
    labelEn: 'a duplicate: the workers were already put forward or supported in another dossier',
    legalBasis: 'Quyết định 15/2020/QĐ-TTg, Quyết định 23/2021/QĐ-TTg (mỗi đối tượng chỉ được hỗ trợ một lần)',
  },
  {
    key: 'withdrawn-by-employer',
    label: 'Người sử dụng lao động có văn bản đề nghị dừng giải quyết hồ sơ',
    labelEn: 'the employer asked in writing to stop',
    legalBasis: 'Nghị định 61/2018/NĐ-CP (dừng giải quyết theo đề nghị của người nộp hồ sơ)',
  },
];
