// Pure: an administrative document as data: the parts Decree 30/2020/NĐ-CP lays out on an A4 page
// (the issuing agency and its superior, the national motto, number, place and date, title, body,
// recipients, signatures). Templates build one; the HTML and PDF renderers draw the same one.

/** A stretch of text in one style. */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

export type Inline = string | Run;

export type Block =
  | { kind: 'paragraph'; content: Inline[]; align?: 'left' | 'center' | 'justify'; indent?: boolean }
  /** Numbered ("1.", "2.") or dashed items. */
  | { kind: 'list'; style: 'numbered' | 'dash'; items: Inline[][] }
  /** Columns with relative widths; the first row is not special: `columns` carries the titles. `size`: the type's points (11 unless told). */
  | { kind: 'table'; columns: { title: string; width: number; align?: 'left' | 'center' | 'right' }[]; rows: string[][]; size?: number };

export interface Signature {
  /** "NGƯỜI TIẾP NHẬN HỒ SƠ", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC". */
  title: string;
  /** "(Ký và ghi rõ họ tên)". */
  note?: string;
  /** The signer's full name; null leaves the line blank for a hand signature. */
  name: string | null;
}

export interface OfficialDocument {
  /** The browser tab's and the PDF's title. */
  title: string;
  /** A4 upright unless told: a register's wide table is laid across the page. */
  orientation?: 'portrait' | 'landscape';
  /** "Mẫu số 01" on top, as the forms of Circular 01/2018/TT-VPCP carry it. */
  formLabel?: string;
  header: {
    /** The superior agency (cơ quan chủ quản), upper case; null when the issuer has none on its letterhead. */
    superior: string | null;
    /** The issuing agency, upper case. */
    issuer: string;
    /** "Số: 1/PXL"; null when the form has no number. */
    number: string | null;
    /** The place name before the date: "Quảng Ngãi". */
    place: string;
    /** When the document was issued (an instant), or null for "ngày … tháng … năm …" left to fill in. */
    issuedAt: Date | null;
  };
  heading: string;
  /** Lines under the heading (e.g. "Mã hồ sơ: …"). */
  subheadings?: string[];
  body: Block[];
  /** "Nơi nhận:" items; empty or absent when the form has none. */
  recipients?: string[];
  /** One signature on the right, or two side by side. */
  signatures: Signature[];
}

export const MOTTO = { nation: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', motto: 'Độc lập - Tự do - Hạnh phúc' } as const;

export const runOf = (inline: Inline): Run => (typeof inline === 'string' ? { text: inline } : inline);
