// Form 03 of Circular 01/2018/TT-VPCP: the refusal, with its legal ground and reason, issued when refused.
import type { OfficialDocument } from '../document';
import type { Letterhead } from '../letterhead';
import { type DossierParty, formTop, partyLines, recipients } from './common';

export interface RefusalInput extends DossierParty {
  letterhead: Letterhead;
  issuedAt: Date;
  /** The ground from the procedure's closed list, as the law words it; null for refusals recorded before grounds. */
  ground: string | null;
  /** Where the law says it ("Nghị định 61/2018/NĐ-CP …"); null when the ground is not the version's. */
  legalBasis?: string | null;
  reason: string;
  official: { name: string } | null;
}

export function refusalForm(r: RefusalInput): OfficialDocument {
  return {
    ...formTop('03', 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ', 'Phiếu từ chối tiếp nhận giải quyết hồ sơ', r, r.issuedAt),
    body: [
      ...partyLines(r, `${r.letterhead.name} tiếp nhận hồ sơ của: `),
      {
        kind: 'paragraph',
        indent: true,
        content: [`Qua nghiên cứu, xem xét hồ sơ, ${r.letterhead.name} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:`],
      },
      ...(r.ground ? [{ kind: 'paragraph' as const, indent: true, content: [{ text: 'Căn cứ: ', bold: true }, r.legalBasis ? `${r.ground} (${r.legalBasis})` : r.ground] }] : []),
      { kind: 'paragraph', indent: true, content: [{ text: 'Lý do: ', bold: true }, r.reason] },
      { kind: 'paragraph', indent: true, content: ['Xin thông báo cho Ông/Bà/Tổ chức được biết và thực hiện./.'] },
    ],
    recipients: recipients(r.applicant.name),
    signatures: [{ title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', note: '(Ký và ghi rõ họ tên)', name: r.official?.name ?? null }],
  };
}
