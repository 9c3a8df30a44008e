// An OfficialDocument as an A4 PDF with an embedded serif font that has every Vietnamese glyph
// (Liberation Serif: the metrics of Times New Roman, which Decree 30/2020/NĐ-CP asks for; SIL OFL,
// see fonts/OFL.txt). The text is real text, so it can be searched, copied and extracted.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { type Block, type Inline, MOTTO, type OfficialDocument, runOf, type Run, type Signature } from './document';
import { placeAndDate } from './vn-format';

const MM = 72 / 25.4;
const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };

/** The text area of an A4 page, upright or across (the margins stay where the decree puts them). */
interface Page {
  width: number;
  bottom: number;
}
function pageOf(doc: OfficialDocument): Page {
  const [width, height] = doc.orientation === 'landscape' ? [A4.height, A4.width] : [A4.width, A4.height];
  return { width: width - MARGIN.left - MARGIN.right, bottom: height - MARGIN.bottom };
}
const BODY_SIZE = 13;
const LINE_GAP = 2;

type Face = 'R' | 'B' | 'I' | 'BI';
const FILES: Record<Face, string> = {
  R: 'LiberationSerif-Regular.ttf',
  B: 'LiberationSerif-Bold.ttf',
  I: 'LiberationSerif-Italic.ttf',
  BI: 'LiberationSerif-BoldItalic.ttf',
};
let fonts: Record<Face, Buffer> | undefined;

/** Read once per process; the build copies fonts/ next to this file. */
function fontData(): Record<Face, Buffer> {
  return (fonts ??= Object.fromEntries(Object.entries(FILES).map(([face, file]) => [face, readFileSync(join(__dirname, 'fonts', file))])) as Record<Face, Buffer>);
}

const faceOf = (r: Run): Face => (r.bold && r.italic ? 'BI' : r.bold ? 'B' : r.italic ? 'I' : 'R');

/** Typed text is NFC, whatever the source sent, so each letter is one glyph with its marks. */
const nfc = (text: string) => text.normalize('NFC');

class Layout {
  constructor(
    private readonly pdf: PDFKit.PDFDocument,
    private readonly page: Page,
  ) {}

  /** Starts a new page when `height` does not fit on this one. */
  room(height: number): void {
    if (this.pdf.y + height > this.page.bottom) this.pdf.addPage();
  }

  centered(text: string, face: Face, size: number, x: number, y: number, width: number): number {
    this.pdf.font(face).fontSize(size).text(nfc(text), x, y, { width, align: 'center', lineGap: LINE_GAP });
    return this.pdf.y;
  }

  rule(centre: number, y: number, width: number): void {
    this.pdf.moveTo(centre - width / 2, y).lineTo(centre + width / 2, y).lineWidth(0.6).stroke();
  }

  header(doc: OfficialDocument): void {
    const h = doc.header;
    if (doc.formLabel) {
      this.pdf.font('I').fontSize(12).text(nfc(doc.formLabel), MARGIN.left, this.pdf.y, { width: this.page.width, align: 'right' });
    }
    const top = this.pdf.y;
    const leftWidth = this.page.width * 0.45;
    const rightX = MARGIN.left + leftWidth + 6;
    const rightWidth = this.page.width - leftWidth - 6;

    let y = top;
    if (h.superior) y = this.centered(h.superior, 'R', 12, MARGIN.left, y, leftWidth);
    y = this.centered(h.issuer, 'B', 12, MARGIN.left, y, leftWidth);
    this.rule(MARGIN.left + leftWidth / 2, y + 1, leftWidth * 0.35);
    y += 6;
    if (h.number) y = this.centered(h.number, 'R', BODY_SIZE, MARGIN.left, y, leftWidth);
    const leftBottom = y;

    y = this.centered(MOTTO.nation, 'B', 12, rightX, top, rightWidth);
    y = this.centered(MOTTO.motto, 'B', BODY_SIZE, rightX, y, rightWidth);
    this.rule(rightX + rightWidth / 2, y + 1, this.pdf.font('B').fontSize(BODY_SIZE).widthOfString(MOTTO.motto));
    y = this.centered(placeAndDate(h.place, h.issuedAt), 'I', BODY_SIZE, rightX, y + 8, rightWidth);

    this.pdf.y = Math.max(leftBottom, y) + 14;
  }

  heading(doc: OfficialDocument): void {
    this.centered(doc.heading, 'B', 14, MARGIN.left, this.pdf.y, this.page.width);
    for (const line of doc.subheadings ?? []) this.centered(line, 'R', BODY_SIZE, MARGIN.left, this.pdf.y, this.page.width);
    this.pdf.moveDown(0.6);
  }

  paragraph(content: Inline[], requested: 'left' | 'center' | 'justify', indent: number): void {
    const runs = content.map(runOf).filter((r) => r.text !== '');
    // pdfkit justifies each styled run's last line on its own, leaving gaps: mixed runs go ragged right.
    const align = requested === 'justify' && runs.length > 1 ? 'left' : requested;
    runs.forEach((r, i) => {
      const options = { width: this.page.width, align, lineGap: LINE_GAP, continued: i < runs.length - 1, ...(i === 0 ? { indent } : {}) };
      this.pdf.font(faceOf(r)).fontSize(BODY_SIZE);
      if (i === 0) this.pdf.text(nfc(r.text), MARGIN.left, this.pdf.y, options);
      else this.pdf.text(nfc(r.text), options);
    });
    this.pdf.moveDown(0.3);
  }

  table(b: Extract<Block, { kind: 'table' }>): void {
    const total = b.columns.reduce((sum, c) => sum + c.width, 0);
    const widths = b.columns.map((c) => (this.page.width * c.width) / total);
    const pad = 3;
    const size = b.size ?? 11;
    const row = (cells: string[], face: Face, aligns: ('left' | 'center' | 'right')[]) => {
      this.pdf.font(face).fontSize(size);
      const height = Math.max(...cells.map((cell, i) => this.pdf.heightOfString(nfc(cell), { width: widths[i] - 2 * pad }))) + 2 * pad;
      return {
        height,
        draw: (y: number) => {
          let x = MARGIN.left;
          cells.forEach((cell, i) => {
            this.pdf.rect(x, y, widths[i], height).lineWidth(0.5).stroke();
            this.pdf.font(face).fontSize(size).text(nfc(cell), x + pad, y + pad, { width: widths[i] - 2 * pad, align: aligns[i] });
            x += widths[i];
          });
          this.pdf.x = MARGIN.left;
          this.pdf.y = y + height;
        },
      };
    };
    const head = row(b.columns.map((c) => c.title), 'B', b.columns.map(() => 'center'));
    this.room(head.height * 2);
    head.draw(this.pdf.y);
    for (const cells of b.rows) {
      const r = row(cells, 'R', b.columns.map((c) => c.align ?? 'left'));
      if (this.pdf.y + r.height > this.page.bottom) {
        this.pdf.addPage();
        head.draw(this.pdf.y);
      }
      r.draw(this.pdf.y);
    }
    this.pdf.moveDown(0.5);
  }

  block(b: Block): void {
    if (b.kind === 'paragraph') return this.paragraph(b.content, b.align ?? 'justify', b.indent ? 10 * MM : 0);
    if (b.kind === 'table') return this.table(b);
    b.items.forEach((item, i) => this.paragraph([b.style === 'numbered' ? `${i + 1}. ` : '- ', ...item], 'justify', 10 * MM));
  }

  /** Draws the signature and returns where it ends. */
  signature(s: Signature, x: number, y: number, width: number): number {
    let bottom = this.centered(s.title, 'B', BODY_SIZE, x, y, width);
    if (s.note) bottom = this.centered(s.note, 'I', BODY_SIZE, x, bottom, width);
    return this.centered(s.name ?? ' ', 'B', BODY_SIZE, x, bottom + 62, width);
  }

  footer(doc: OfficialDocument): void {
    // A register has neither: no page is added for an empty foot.
    if (!doc.signatures.length && !doc.recipients?.length) return;
    this.room(150);
    const top = this.pdf.y + 10;
    const recipients = doc.recipients ?? [];
    let bottom = top;
    if (doc.signatures.length >= 2) {
      const width = this.page.width / doc.signatures.length;
      doc.signatures.forEach((s, i) => (bottom = Math.max(bottom, this.signature(s, MARGIN.left + i * width, top, width))));
    } else {
      const leftWidth = this.page.width * 0.45;
      if (recipients.length) {
        this.pdf.font('BI').fontSize(12).text('Nơi nhận:', MARGIN.left, top, { width: leftWidth });
        this.pdf.font('R').fontSize(11);
        for (const r of recipients) this.pdf.text(nfc(`- ${r}`), MARGIN.left, this.pdf.y, { width: leftWidth });
        bottom = this.pdf.y;
      }
      if (doc.signatures[0]) bottom = Math.max(bottom, this.signature(doc.signatures[0], MARGIN.left + leftWidth, top, this.page.width - leftWidth));
    }
    this.pdf.x = MARGIN.left;
    this.pdf.y = bottom;
  }
}

/** The document as PDF bytes. */
export function renderPdf(doc: OfficialDocument): Promise<Buffer> {
  const data = fontData();
  const pdf = new PDFDocument({
    size: 'A4',
    layout: doc.orientation ?? 'portrait',
    margins: MARGIN,
    info: { Title: nfc(doc.title), Creator: 'dvc-workflow', CreationDate: doc.header.issuedAt ?? new Date(0) },
    lang: 'vi-VN',
  } as PDFKit.PDFDocumentOptions);
  for (const face of Object.keys(FILES) as Face[]) pdf.registerFont(face, data[face]);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const layout = new Layout(pdf, pageOf(doc));
  layout.header(doc);
  layout.heading(doc);
  for (const b of doc.body) layout.block(b);
  layout.footer(doc);
  pdf.end();
  return done;
}
