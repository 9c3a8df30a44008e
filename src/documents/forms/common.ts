// What forms 01–04 of Circular 01/2018/TT-VPCP share: who the dossier is from and what it asks.
import type { Block, OfficialDocument } from '../document';
import type { Letterhead } from '../letterhead';

export interface DossierParty {
  portalCode: string;
  procedureName: string;
  applicant: { name: string; address: string; phone?: string; email?: string; taxCode: string };
}

/** "Tiếp nhận hồ sơ của: …", address, contacts, "Nội dung yêu cầu giải quyết: …". */
export function partyLines(d: DossierParty, opening: string): Block[] {
  const contacts = [d.applicant.phone && `Số điện thoại: ${d.applicant.phone}`, d.applicant.email && `Email: ${d.applicant.email}`].filter(Boolean).join('; ');
  return [
    { kind: 'paragraph', indent: true, content: [opening, { text: d.applicant.name, bold: true }] },
    { kind: 'paragraph', indent: true, content: [`Mã số thuế: ${d.applicant.taxCode}. Địa chỉ: ${d.applicant.address}`] },
    ...(contacts ? [{ kind: 'paragraph' as const, indent: true, content: [contacts] }] : []),
    { kind: 'paragraph', indent: true, content: ['Nội dung yêu cầu giải quyết: ', { text: d.procedureName, italic: true }] },
  ];
}

/** "Nơi nhận": the applicant, through the portal, and the unit's own file copy. */
export const recipients = (applicant: string): string[] => [`${applicant} (qua Cổng Dịch vụ công quốc gia);`, 'Lưu: VT, hồ sơ.'];

/** The top of a form about one dossier: its label, the unit's letterhead, the title and "Mã hồ sơ". */
export function formTop(form: string, heading: string, title: string, d: { letterhead: Letterhead; portalCode: string }, issuedAt: Date | null, number: string | null = null) {
  const { superior, issuer, place } = d.letterhead;
  return {
    title: `${title} ${d.portalCode}`,
    formLabel: `Mẫu số ${form}`,
    header: { superior, issuer, place, number, issuedAt },
    heading,
    subheadings: [`Mã hồ sơ: ${d.portalCode}`],
  } satisfies Partial<OfficialDocument>;
}
