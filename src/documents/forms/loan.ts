// The Social Policy Bank's loan to pay wages, as the bank tells the employer it lends (Decision
// 15/2020/QĐ-TTg ch. VII; Decision 23/2021/QĐ-TTg art. 38–42): the credit contract's number and
// date, the amount, the term, 0 % interest and 12 %/year overdue, no collateral, payment month by
// month straight to the workers, and the list of workers the loan is for (where the bank decided on
// the list, those it left out and why). Laid out as Decree 30/2020/NĐ-CP lays out a notice.
import { vndInWords } from '../../common/vn-number-words';
import type { Block, OfficialDocument } from '../document';
import type { Letterhead } from '../letterhead';
import { vnDate, vnMoney } from '../vn-format';
import type { DossierParty } from './common';

export interface LoanInput extends DossierParty {
  /** The lending branch's letterhead. */
  letterhead: Letterhead;
  /** The procedure version's legal basis ("Quyết định 23/2021/QĐ-TTg"). */
  legalBasis: string;
  contractNumber: string;
  signedAt: Date;
  amount: number;
  termMonths: number;
  interestRate: number;
  overdueInterestRate: number;
  /** The workers lent for, by their place in the submitted list. */
  workers: { n: number; fullName: string }[];
  /** The workers the bank itself left out (a version where it decides on the list). */
  excluded: { n: number; fullName: string; ground: string; reason: string }[];
  signer: { name: string } | null;
}

const percent = (rate: number) => `${String(Math.round(rate * 1000) / 10).replace('.', ',')}%/năm`;

export function loanForm(l: LoanInput): OfficialDocument {
  const bank = l.letterhead.name;
  const excluded: Block[] = l.excluded.length
    ? [
        { kind: 'paragraph', indent: true, content: [{ text: 'Người lao động không được vay theo hồ sơ này:', bold: true }] },
        {
          kind: 'table',
          columns: [
            { title: 'Số thứ tự trong hồ sơ', width: 3, align: 'center' },
            { title: 'Họ và tên', width: 7 },
            { title: 'Lý do', width: 10 },
          ],
          rows: l.excluded.map((w) => [String(w.n), w.fullName, `${w.ground}: ${w.reason}`]),
        },
      ]
    : [];
  return {
    title: `Thông báo cho vay ${l.contractNumber}`,
    header: { superior: l.letterhead.superior, issuer: l.letterhead.issuer, place: l.letterhead.place, number: `Số: ${l.contractNumber}`, issuedAt: l.signedAt },
    heading: 'THÔNG BÁO',
    subheadings: ['Về việc cho vay vốn để trả lương cho người lao động', `theo hồ sơ ${l.portalCode}`],
    body: [
      { kind: 'paragraph', align: 'center', content: [`Kính gửi: ${l.applicant.name}`] },
      { kind: 'paragraph', indent: true, content: [{ text: `Căn cứ ${l.legalBasis} và hồ sơ đề nghị “`, italic: true }, { text: l.procedureName, italic: true }, { text: `” của ${l.applicant.name} (mã số thuế ${l.applicant.taxCode}), mã hồ sơ ${l.portalCode};`, italic: true }] },
      { kind: 'paragraph', indent: true, content: [`${bank} thông báo cho vay như sau:`] },
      {
        kind: 'list',
        style: 'numbered',
        items: [
          [`Hợp đồng tín dụng số ${l.contractNumber}, ký ${vnDate(l.signedAt)}.`],
          [`Số tiền cho vay: ${vnMoney(l.amount)} (Bằng chữ: ${vndInWords(l.amount)}).`],
          [`Thời hạn cho vay: ${l.termMonths} tháng.`],
          [`Lãi suất cho vay: ${percent(l.interestRate)}; lãi suất quá hạn: ${percent(l.overdueInterestRate)}.`],
          ['Không phải thực hiện bảo đảm tiền vay.'],
          ['Ngân hàng giải ngân hằng tháng, chuyển trực tiếp vào tài khoản của người lao động có tên trong danh sách dưới đây.'],
          [`Số người lao động được vay để trả lương: ${l.workers.length} người.`],
        ],
      },
      { kind: 'paragraph', align: 'center', content: [{ text: 'DANH SÁCH NGƯỜI LAO ĐỘNG ĐƯỢC VAY ĐỂ TRẢ LƯƠNG', bold: true }] },
      {
        kind: 'table',
        columns: [
          { title: 'STT', width: 2, align: 'center' },
          { title: 'Số thứ tự trong hồ sơ', width: 3, align: 'center' },
          { title: 'Họ và tên', width: 12 },
        ],
        rows: l.workers.map((w, i) => [String(i + 1), String(w.n), w.fullName]),
      },
      ...excluded,
      { kind: 'paragraph', indent: true, content: [`${bank} thông báo để ${l.applicant.name} được biết và thực hiện./.`] },
    ],
    recipients: [`${l.applicant.name} (qua Cổng Dịch vụ công quốc gia);`, 'Lưu: VT, hồ sơ.'],
    signatures: [{ title: 'GIÁM ĐỐC', note: '(Ký, ghi rõ họ tên và đóng dấu)', name: l.signer?.name ?? null }],
  };
}
