// The provincial People's Committee's decision approving a dossier's list of workers and funds
// (Decision 15/2020/QĐ-TTg art. 2 cl. 4; Decision 23/2021/QĐ-TTg art. 16 cl. 4), laid out as
// Decree 30/2020/NĐ-CP lays out a decision: "Căn cứ …", "QUYẾT ĐỊNH:", articles, the annex's list,
// "Nơi nhận", and the signature for the Committee by its deputy chair.
import type { ApprovedWorker } from '../../decisions/decision';
import { vndInWords } from '../../common/vn-number-words';
import type { Block, OfficialDocument } from '../document';
import type { Letterhead } from '../letterhead';
import { vnMoney } from '../vn-format';
import type { DossierParty } from './common';

export interface DecisionInput extends DossierParty {
  /** The issuing Committee's letterhead. */
  letterhead: Letterhead;
  number: string;
  issuedAt: Date;
  legalBasis: string[];
  /** The unit that prepared it ("Theo đề nghị của …"). */
  preparedBy: string;
  workers: ApprovedWorker[];
  total: number;
  /** A wage loan: the list is of the loan the bank may lend, not of support paid. */
  loan: boolean;
  signer: { name: string };
}

const article = (n: number, text: string): Block => ({ kind: 'paragraph', indent: true, content: [{ text: `Điều ${n}. `, bold: true }, text] });

export function decisionForm(d: DecisionInput): OfficialDocument {
  const funds = d.loan ? 'số tiền được vay vốn để trả lương' : 'kinh phí hỗ trợ';
  const what = `danh sách người lao động và ${funds}`;
  const total = `${vnMoney(d.total)} (Bằng chữ: ${vndInWords(d.total)})`;
  const amountTitle = d.loan ? 'Số tiền được vay tối đa (đồng)' : 'Số tiền hỗ trợ (đồng)';
  return {
    title: `Quyết định ${d.number}`,
    header: { superior: d.letterhead.superior, issuer: d.letterhead.issuer, place: d.letterhead.place, number: `Số: ${d.number}`, issuedAt: d.issuedAt },
    heading: 'QUYẾT ĐỊNH',
    subheadings: [`Về việc phê duyệt ${what}`, `theo hồ sơ ${d.portalCode}`, d.letterhead.issuer],
    body: [
      ...d.legalBasis.map((line): Block => ({ kind: 'paragraph', indent: true, content: [{ text: line, italic: true }] })),
      { kind: 'paragraph', indent: true, content: [{ text: `Theo đề nghị của ${d.preparedBy}.`, italic: true }] },
      { kind: 'paragraph', align: 'center', content: [{ text: 'QUYẾT ĐỊNH:', bold: true }] },
      article(1, `Phê duyệt ${what} (${d.procedureName}) cho ${d.workers.length} người lao động của ${d.applicant.name} (mã số thuế ${d.applicant.taxCode}), với tổng số tiền ${total}. Danh sách chi tiết tại Phụ lục kèm theo Quyết định này.`),
      article(2, `${d.preparedBy} và các cơ quan liên quan thực hiện việc chi trả cho người lao động theo đúng quy định; ${d.applicant.name} chịu trách nhiệm về tính chính xác của hồ sơ đề nghị.`),
      article(3, `Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng ${d.letterhead.name}, ${d.preparedBy}, ${d.applicant.name} và các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này./.`),
      { kind: 'paragraph', align: 'center', content: [{ text: `PHỤ LỤC: DANH SÁCH NGƯỜI LAO ĐỘNG (kèm theo Quyết định số ${d.number})`, bold: true }] },
      {
        kind: 'table',
        columns: [
          { title: 'STT', width: 2, align: 'center' },
          { title: 'Số thứ tự trong hồ sơ', width: 3, align: 'center' },
          { title: 'Họ và tên', width: 10 },
          { title: amountTitle, width: 5, align: 'right' },
        ],
        rows: [
          ...d.workers.map((w, i) => [String(i + 1), String(w.n), w.fullName, vnMoney(w.amount).replace(' đồng', '')]),
          ['', '', 'Tổng cộng', vnMoney(d.total).replace(' đồng', '')],
        ],
      },
      { kind: 'paragraph', indent: true, content: [{ text: 'Tổng số tiền bằng chữ: ', bold: true }, `${vndInWords(d.total)}.`] },
    ],
    recipients: ['Như Điều 3;', `${d.applicant.name} (qua Cổng Dịch vụ công quốc gia);`, 'Lưu: VT, hồ sơ.'],
    signatures: [{ title: 'TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH', note: '(Ký, ghi rõ họ tên và đóng dấu)', name: d.signer.name }],
  };
}
