// Form 04 of Circular 01/2018/TT-VPCP: the apology and new return date ("Phiếu xin lỗi và hẹn lại
// ngày trả kết quả"), numbered …/PXL, signed by an official who may sign for the unit.
import type { OfficialDocument } from '../document';
import type { Letterhead } from '../letterhead';
import { capitalize, vnDate, vnDateTime } from '../vn-format';

export interface ApologyInput {
  letterhead: Letterhead;
  number: string;
  addressee: string;
  portalCode: string;
  procedureName: string;
  receivedAt: Date;
  originalReturnDate: Date;
  reason: string;
  newReturnDate: Date;
  issuedAt: Date;
  signer: { name: string };
}

export function apologyForm(a: ApologyInput): OfficialDocument {
  const unit = a.letterhead.name;
  return {
    title: `Phiếu xin lỗi và hẹn lại ngày trả kết quả ${a.number}`,
    formLabel: 'Mẫu số 04',
    header: { superior: a.letterhead.superior, issuer: a.letterhead.issuer, place: a.letterhead.place, number: `Số: ${a.number}`, issuedAt: a.issuedAt },
    heading: 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
    body: [
      { kind: 'paragraph', align: 'center', content: [`Kính gửi: ${a.addressee}`] },
      {
        kind: 'paragraph',
        indent: true,
        content: [`${capitalize(vnDate(a.receivedAt))}, ${unit} tiếp nhận giải quyết hồ sơ đề nghị giải quyết thủ tục hành chính “`, { text: a.procedureName, italic: true }, `” của ${a.addressee}.`],
      },
      { kind: 'paragraph', indent: true, content: [`Mã hồ sơ: ${a.portalCode}`] },
      { kind: 'paragraph', indent: true, content: [`Thời hạn trả kết quả giải quyết hồ sơ: ${vnDateTime(a.originalReturnDate)}.`] },
      { kind: 'paragraph', indent: true, content: [`Tuy nhiên đến nay, ${unit} chưa trả kết quả giải quyết hồ sơ của Ông/Bà/Tổ chức.`] },
      { kind: 'paragraph', indent: true, content: [{ text: 'Lý do: ', bold: true }, a.reason] },
      {
        kind: 'paragraph',
        indent: true,
        content: [
          `Sự chậm trễ này đã gây phiền hà cho Ông/Bà/Tổ chức. ${unit} xin lỗi Ông/Bà/Tổ chức và sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà/Tổ chức vào `,
          { text: `${vnDateTime(a.newReturnDate)}.`, bold: true },
        ],
      },
      { kind: 'paragraph', indent: true, content: ['Rất mong nhận được sự thông cảm của Ông/Bà/Tổ chức vì sự chậm trễ này./.'] },
    ],
    recipients: ['Như trên;', 'Lưu: VT, hồ sơ.'],
    signatures: [{ title: 'ĐẠI DIỆN CƠ QUAN', note: '(Ký, ghi rõ họ tên và đóng dấu)', name: a.signer.name }],
  };
}
