// Form 06 of Circular 01/2018/TT-VPCP: the dossier register ("Sổ theo dõi hồ sơ") a unit keeps of the
// dossiers it received in a period: one line per dossier with its code, procedure, applicant, the
// competent agency, when it was received, the appointed return date, when it was handed to the
// agency that decides, when the result came back and when it was returned, and a note.
import type { OfficialDocument } from '../document';
import type { Letterhead } from '../letterhead';
import { vnDay, vnShortDateTime } from '../vn-format';

/** One dossier of the register, as the form writes it. */
export interface RegisterLine {
  portalCode: string;
  procedureName: string;
  /** Số lượng hồ sơ (bộ): an online dossier is one set. */
  copies: number;
  applicant: string;
  addressAndPhone: string;
  competentUnit: string;
  receivedAt: Date;
  appointedAt: Date | null;
  forwardedAt: Date | null;
  resultReceivedAt: Date | null;
  returnedAt: Date | null;
  note: string;
}

export interface RegisterInput {
  letterhead: Letterhead;
  /** The period, Vietnam days YYYY-MM-DD, both included. */
  from: string;
  to: string;
  issuedAt: Date;
  lines: RegisterLine[];
}

const when = (at: Date | null) => (at ? vnShortDateTime(at) : '');

/** The form's columns, in its order, with what each line puts there (the CSV reads them too). */
export const REGISTER_COLUMNS: { title: string; width: number; align?: 'left' | 'center' | 'right'; cell: (l: RegisterLine, n: number) => string }[] = [
  { title: 'STT', width: 4, align: 'center', cell: (_l, n) => String(n) },
  { title: 'Mã hồ sơ', width: 12, cell: (l) => l.portalCode },
  { title: 'Tên thủ tục hành chính', width: 9, cell: (l) => l.procedureName },
  { title: 'Số lượng hồ sơ (bộ)', width: 5, align: 'center', cell: (l) => String(l.copies) },
  { title: 'Tên cá nhân, tổ chức', width: 10, cell: (l) => l.applicant },
  { title: 'Địa chỉ, số điện thoại', width: 10, cell: (l) => l.addressAndPhone },
  { title: 'Cơ quan chủ trì giải quyết', width: 9, cell: (l) => l.competentUnit },
  { title: 'Nhận hồ sơ (giờ, ngày, tháng, năm)', width: 8, align: 'center', cell: (l) => when(l.receivedAt) },
  { title: 'Hẹn trả kết quả (giờ, ngày, tháng, năm)', width: 8, align: 'center', cell: (l) => when(l.appointedAt) },
  { title: 'Chuyển hồ sơ đến cơ quan giải quyết', width: 8, align: 'center', cell: (l) => when(l.forwardedAt) },
  { title: 'Nhận kết quả từ cơ quan giải quyết', width: 8, align: 'center', cell: (l) => when(l.resultReceivedAt) },
  { title: 'Trả kết quả cho cá nhân, tổ chức', width: 8, align: 'center', cell: (l) => when(l.returnedAt) },
  { title: 'Ghi chú', width: 10, cell: (l) => l.note },
];

export function registerForm(r: RegisterInput): OfficialDocument {
  const { superior, issuer, place } = r.letterhead;
  return {
    title: `Sổ theo dõi hồ sơ ${r.letterhead.name} ${r.from} – ${r.to}`,
    orientation: 'landscape',
    formLabel: 'Mẫu số 06',
    header: { superior, issuer, place, number: null, issuedAt: r.issuedAt },
    heading: 'SỔ THEO DÕI HỒ SƠ',
    subheadings: [`Từ ngày ${vnDay(r.from)} đến ngày ${vnDay(r.to)}`, `Đơn vị: ${r.letterhead.name}`],
    body: [
      {
        kind: 'table',
        size: 9,
        columns: REGISTER_COLUMNS.map(({ title, width, align }) => ({ title, width, ...(align ? { align } : {}) })),
        rows: r.lines.map((line, i) => REGISTER_COLUMNS.map((c) => c.cell(line, i + 1))),
      },
      { kind: 'paragraph', content: [`Tổng số hồ sơ: ${r.lines.length}.`] },
      ...(r.lines.length ? [] : [{ kind: 'paragraph' as const, content: [{ text: 'Không có hồ sơ nào được tiếp nhận trong kỳ.', italic: true }] }]),
    ],
    signatures: [],
  };
}
