// Form 02 of Circular 01/2018/TT-VPCP: the request to supplement the dossier, issued when asked.
import type { OfficialDocument } from '../document';
import type { Letterhead } from '../letterhead';
import { type DossierParty, formTop, partyLines, recipients } from './common';

export interface SupplementItem {
  document: string;
  form: 'electronic' | 'paper';
  note?: string | null;
}

export interface SupplementRequestInput extends DossierParty {
  letterhead: Letterhead;
  issuedAt: Date;
  reason: string;
  items: SupplementItem[];
  official: { name: string; phone: string | null } | null;
}

const FORM: Record<SupplementItem['form'], string> = { electronic: 'bản điện tử', paper: 'bản giấy' };

export function supplementRequestForm(r: SupplementRequestInput): OfficialDocument {
  const items = r.items.length
    ? r.items.map((item) => [`${item.document} (${FORM[item.form]})${item.note ? `: ${item.note}` : ''}`])
    : [[r.reason]];
  const contact = r.official
    ? `${r.official.name}${r.official.phone ? `, số điện thoại ${r.official.phone}` : ''}`
    : r.letterhead.name;
  return {
    ...formTop('02', 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', r, r.issuedAt),
    body: [
      ...partyLines(r, `${r.letterhead.name} tiếp nhận hồ sơ của: `),
      { kind: 'paragraph', indent: true, content: ['Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:'] },
      { kind: 'list', style: 'numbered', items },
      { kind: 'paragraph', indent: true, content: [{ text: 'Lý do: ', bold: true }, r.reason] },
      {
        kind: 'paragraph',
        indent: true,
        content: [
          'Hồ sơ được bổ sung trực tuyến trên Cổng Dịch vụ công quốc gia; thời gian chờ bổ sung không tính vào thời hạn giải quyết. ',
          `Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, Ông/Bà/Tổ chức liên hệ với ${contact} để được hướng dẫn./.`,
        ],
      },
    ],
    recipients: recipients(r.applicant.name),
    signatures: [{ title: 'NGƯỜI HƯỚNG DẪN', note: '(Ký và ghi rõ họ tên)', name: r.official?.name ?? null }],
  };
}
