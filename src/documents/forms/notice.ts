// A refusal's written notice ("Thông báo"): a People's Committee or the bank refuses in writing and
// states why ("thông báo bằng văn bản và nêu rõ lý do",
// Decision 15/2020/QĐ-TTg; Decision 23/2021/QĐ-TTg), with the ground's legal basis, laid out as
// Decree 30/2020/NĐ-CP lays out a notice.
import type { OfficialDocument } from '../document';
import type { Letterhead } from '../letterhead';
import { capitalize, vnDate } from '../vn-format';
import type { DossierParty } from './common';

export interface NoticeInput extends DossierParty {
  letterhead: Letterhead;
  number: string;
  issuedAt: Date;
  /** When the portal received the dossier. */
  submittedAt: Date;
  ground: { label: string; legalBasis: string };
  reason: string;
  /** A People's Committee signs as a collective body ("TM. ỦY BAN NHÂN DÂN"). */
  committee: boolean;
  signer: { name: string } | null;
}

export function noticeForm(n: NoticeInput): OfficialDocument {
  const unit = n.letterhead.name;
  return {
    title: `Thông báo ${n.number}`,
    header: { superior: n.letterhead.superior, issuer: n.letterhead.issuer, place: n.letterhead.place, number: `Số: ${n.number}`, issuedAt: n.issuedAt },
    heading: 'THÔNG BÁO',
    subheadings: [`Về việc không giải quyết hồ sơ ${n.portalCode}`],
    body: [
      { kind: 'paragraph', align: 'center', content: [`Kính gửi: ${n.applicant.name}`] },
      {
        kind: 'paragraph',
        indent: true,
        content: [`${capitalize(vnDate(n.submittedAt))}, ${unit} nhận được hồ sơ đề nghị “`, { text: n.procedureName, italic: true }, `” của ${n.applicant.name} (mã số thuế ${n.applicant.taxCode}), mã hồ sơ ${n.portalCode}.`],
      },
      { kind: 'paragraph', indent: true, content: [`Sau khi xem xét hồ sơ, ${unit} thông báo không giải quyết hồ sơ này với lý do như sau:`] },
      { kind: 'paragraph', indent: true, content: [{ text: 'Căn cứ: ', bold: true }, `${n.ground.label} (${n.ground.legalBasis}).`] },
      { kind: 'paragraph', indent: true, content: [{ text: 'Lý do: ', bold: true }, n.reason] },
      { kind: 'paragraph', indent: true, content: [`${unit} thông báo để ${n.applicant.name} được biết./.`] },
    ],
    recipients: ['Như trên (qua Cổng Dịch vụ công quốc gia);', 'Lưu: VT, hồ sơ.'],
    signatures: [{ title: n.committee ? 'TM. ỦY BAN NHÂN DÂN' : 'THỦ TRƯỞNG CƠ QUAN', note: '(Ký, ghi rõ họ tên và đóng dấu)', name: n.signer?.name ?? null }],
  };
}
