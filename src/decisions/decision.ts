// Pure: what the provincial People's Committee's decision on a dossier says (Decision 15/2020/QĐ-TTg
// art. 2 cl. 4; Decision 23/2021/QĐ-TTg art. 16 cl. 4: the province approves the list of workers
// and the funds they are due), and how decisions and notices are numbered (Decree 30/2020/NĐ-CP:
// "số/ký hiệu", counted per issuing body and calendar year).
import { vndInWords } from '../common/vn-number-words';

/** An official as a decision names them. */
export interface NamedOfficial {
  officialId: string;
  fullName: string;
}

/** One approved worker: n (the place in the submitted list), the name and the amount (VND). */
export interface ApprovedWorker {
  n: number;
  fullName: string;
  amount: number;
}

/** The decision as the dossier's view shows it. */
export interface DecisionSummary {
  number: string;
  issuedAt: string;
  signer: NamedOfficial;
  preparedBy: NamedOfficial;
  workers: ApprovedWorker[];
  total: number;
  totalInWords: string;
  documentId: string;
}

/** The series a document's number belongs to: a decision of a People's Committee, or a notice of a unit. */
export type Series = 'QĐ-UBND' | `TB-${string}`;

/** The issuer's abbreviation in a notice's symbol, by unit kind (Decree 30/2020, appendix III). */
const ABBREVIATIONS: Record<string, string> = {
  'provincial-pc': 'UBND',
  'district-pc': 'UBND',
  'social-insurance': 'BHXH',
  'social-policy-bank': 'NHCS',
  dolisa: 'SLĐTBXH',
};

/** A notice's series for an issuing unit of `kind`: "TB-UBND", "TB-NHCS". */
export const noticeSeries = (kind: string): Series => `TB-${ABBREVIATIONS[kind] ?? 'UBND'}`;

/** "12/QĐ-UBND": the n-th document of the series its issuer issued this year. */
export const documentNumber = (n: number, series: Series): string => `${n}/${series}`;

/** The document id of a dossier's decision or notice: the form and the history event that issued it. */
export const documentIdOf = (form: 'decision' | 'notice', seq: number): string => `${form}-${seq}`;

/** The workers left after the approval's exclusions, by n, with what each is due. */
export interface WorkerLeft {
  n: number;
  supportAmount: number | null;
  loanCap: number | null;
}

/** The approved list: the workers left, named, each with the support (or, for a loan, the most lent for them). */
export function approvedWorkers(left: readonly WorkerLeft[], names: readonly { fullName: string }[]): ApprovedWorker[] {
  return left.map((w) => ({ n: w.n, fullName: names[w.n - 1]?.fullName ?? '', amount: w.supportAmount ?? w.loanCap ?? 0 }));
}

/** The decision's totals: the sum of the workers' amounts, in figures and in words. */
export function totals(workers: readonly ApprovedWorker[]): { total: number; totalInWords: string } {
  const total = workers.reduce((sum, w) => sum + w.amount, 0);
  return { total, totalInWords: vndInWords(total) };
}

/**
 * "Căn cứ …": the laws a decision rests on, by the programme its procedure version belongs to; a
 * version of another programme rests on its own legal basis.
 */
export function decisionGrounds(programme: string): string[] {
  const organisation = 'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;';
  const byProgramme: Record<string, string[]> = {
    'Quyết định 15/2020/QĐ-TTg': [
      'Căn cứ Nghị quyết số 42/NQ-CP ngày 09 tháng 4 năm 2020 của Chính phủ về các biện pháp hỗ trợ người dân gặp khó khăn do đại dịch COVID-19;',
      'Căn cứ Quyết định số 15/2020/QĐ-TTg ngày 24 tháng 4 năm 2020 của Thủ tướng Chính phủ quy định về việc thực hiện các chính sách hỗ trợ người dân gặp khó khăn do đại dịch COVID-19;',
    ],
    'Quyết định 23/2021/QĐ-TTg': [
      'Căn cứ Nghị quyết số 68/NQ-CP ngày 01 tháng 7 năm 2021 của Chính phủ về một số chính sách hỗ trợ người lao động và người sử dụng lao động gặp khó khăn do đại dịch COVID-19;',
      'Căn cứ Quyết định số 23/2021/QĐ-TTg ngày 07 tháng 7 năm 2021 của Thủ tướng Chính phủ quy định về việc thực hiện một số chính sách hỗ trợ người lao động và người sử dụng lao động gặp khó khăn do đại dịch COVID-19;',
    ],
  };
  return [organisation, ...(byProgramme[programme] ?? [`Căn cứ ${programme};`])];
}
