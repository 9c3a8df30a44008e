// Form 01 of Circular 01/2018/TT-VPCP: the receipt and return appointment, issued at intake.
import type { OfficialDocument } from '../document';
import type { Letterhead } from '../letterhead';
import { vnDateTime } from '../vn-format';
import { type DossierParty, formTop, partyLines } from './common';

export interface ReceiptInput extends DossierParty {
  letterhead: Letterhead;
  /** When the portal received it: the legal clock starts here. */
  submittedAt: Date;
  /** The appointed return date set at receipt (NgayHenTra); null when not known. */
  appointedAt: Date | null;
  timeLimitWorkingDays: number;
  workerCount: number;
  attachments: string[];
  signed: boolean;
}

export function receiptForm(r: ReceiptInput): OfficialDocument {
  const components = [
    [`Danh sách người lao động đề nghị hỗ trợ (${r.workerCount} người)${r.signed ? ', bản điện tử có chữ ký số của người sử dụng lao động' : ''}`],
    ...r.attachments.map((name) => [`Tệp đính kèm: ${name}`]),
  ];
  return {
    ...formTop('01', 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả', r, r.submittedAt),
    body: [
      { kind: 'paragraph', indent: true, content: [`Bộ phận tiếp nhận và trả kết quả: ${r.letterhead.name}`] },
      ...partyLines(r, 'Tiếp nhận hồ sơ của: '),
      { kind: 'paragraph', indent: true, content: ['1. Thành phần hồ sơ nộp gồm:'] },
      { kind: 'list', style: 'dash', items: components },
      { kind: 'paragraph', indent: true, content: ['2. Số lượng hồ sơ: 01 (bộ), nộp trực tuyến.'] },
      { kind: 'paragraph', indent: true, content: [`3. Thời gian giải quyết hồ sơ theo quy định là: ${r.timeLimitWorkingDays} ngày làm việc.`] },
      { kind: 'paragraph', indent: true, content: [`4. Thời gian nhận hồ sơ: ${vnDateTime(r.submittedAt)}.`] },
      {
        kind: 'paragraph',
        indent: true,
        content: ['5. Thời gian trả kết quả giải quyết hồ sơ: ', { text: r.appointedAt ? `${vnDateTime(r.appointedAt)}.` : '…', bold: true }],
      },
      { kind: 'paragraph', indent: true, content: ['6. Đăng ký nhận kết quả tại: Cổng Dịch vụ công quốc gia (trực tuyến).'] },
    ],
    signatures: [
      { title: 'NGƯỜI NỘP HỒ SƠ', note: r.signed ? '(Đã ký số)' : '(Ký và ghi rõ họ tên)', name: r.applicant.name },
      { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', note: '(Tiếp nhận trực tuyến)', name: null },
    ],
  };
}
