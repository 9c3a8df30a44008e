// Pure: an OfficialDocument as a print-ready HTML page: A4, the margins and type of Decree
// 30/2020/NĐ-CP (Times New Roman 13–14 pt; top and bottom 20 mm, left 30 mm, right 15 mm).
import { type Block, type Inline, MOTTO, type OfficialDocument, runOf, type Signature } from './document';
import { placeAndDate } from './vn-format';

// The bundled font of the PDFs (fonts/, which the console's static route serves): the printed
// form looks like the PDF, Vietnamese letters included, and no font is fetched from the network.
const FONT_FACES = (
  [['Regular', 'normal', 'normal'], ['Bold', 'bold', 'normal'], ['Italic', 'normal', 'italic'], ['BoldItalic', 'bold', 'italic']] as const
)
  .map(([face, weight, style]) =>
    `@font-face { font-family: "Liberation Serif"; src: url("/console/static/LiberationSerif-${face}.ttf") format("truetype"); font-weight: ${weight}; font-style: ${style}; }`)
  .join('\n  ');

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const lines = (text: string) => text.split('\n').map(escapeHtml).join('<br>');

function inline(content: Inline[]): string {
  return content
    .map(runOf)
    .map((r) => {
      let html = lines(r.text);
      if (r.italic) html = `<em>${html}</em>`;
      if (r.bold) html = `<strong>${html}</strong>`;
      return html;
    })
    .join('');
}

function block(b: Block): string {
  switch (b.kind) {
    case 'paragraph':
      return `<p class="${[b.align ?? 'justify', b.indent ? 'indent' : ''].join(' ').trim()}">${inline(b.content)}</p>`;
    case 'list':
      return `<${b.style === 'numbered' ? 'ol' : 'ul class="dash"'}>${b.items.map((item) => `<li>${inline(item)}</li>`).join('')}</${b.style === 'numbered' ? 'ol' : 'ul'}>`;
    case 'table': {
      const total = b.columns.reduce((sum, c) => sum + c.width, 0);
      const size = b.size ? ` style="font-size:${b.size}pt"` : '';
      const head = b.columns.map((c) => `<th style="width:${((100 * c.width) / total).toFixed(1)}%">${escapeHtml(c.title)}</th>`).join('');
      const rows = b.rows
        .map((row) => `<tr>${row.map((cell, i) => `<td class="${b.columns[i]?.align ?? 'left'}">${lines(cell)}</td>`).join('')}</tr>`)
        .join('');
      return `<table class="grid"${size}><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
    }
  }
}

function signature(s: Signature): string {
  const note = s.note ? `<br><em>${escapeHtml(s.note)}</em>` : '';
  return `<td class="sign"><strong>${lines(s.title)}</strong>${note}<div class="space"></div><strong>${escapeHtml(s.name ?? '')}</strong></td>`;
}

export function renderHtml(doc: OfficialDocument): string {
  const h = doc.header;
  const superior = h.superior ? `${escapeHtml(h.superior)}<br>` : '';
  const recipients = doc.recipients?.length
    ? `<td class="recipients"><strong><em>Nơi nhận:</em></strong><br>${doc.recipients.map((r) => `- ${escapeHtml(r)}`).join('<br>')}</td>`
    : doc.signatures.length < 2 ? '<td></td>' : '';
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.title)}</title>
<link rel="icon" href="/console/static/favicon.svg" type="image/svg+xml">
<style>
  @page { size: A4${doc.orientation === 'landscape' ? ' landscape' : ''}; margin: 20mm 15mm 20mm 30mm; }
  ${FONT_FACES}
  body { font-family: "Times New Roman", "Liberation Serif", serif; font-size: 13pt; line-height: 1.4; max-width: ${doc.orientation === 'landscape' ? 252 : 165}mm; margin: 20mm auto; color: #000; }
  table { border-collapse: collapse; width: 100%; }
  .head td { vertical-align: top; text-align: center; padding: 0; }
  .head .agency { width: 45%; font-size: 12pt; }
  .head .nation { font-size: 12pt; }
  .rule { display: block; margin: 2pt auto 4pt; border-top: 1px solid #000; }
  .agency .rule { width: 35%; }
  .nation .rule { width: 62%; }
  .place { font-style: italic; font-size: 13pt; }
  .form { text-align: right; font-style: italic; font-size: 12pt; margin: 0 0 6pt; }
  h1 { text-align: center; font-size: 14pt; margin: 16pt 0 2pt; }
  .sub { text-align: center; margin: 0 0 10pt; }
  p { margin: 0 0 6pt; }
  p.justify { text-align: justify; } p.center { text-align: center; } p.indent { text-indent: 10mm; }
  ol, ul { margin: 0 0 6pt; padding-left: 10mm; }
  ul.dash { list-style: none; } ul.dash li::before { content: "- "; }
  table.grid { font-size: 11pt; }
  table.grid th, table.grid td { border: 1px solid #000; padding: 2pt 4pt; font-size: inherit; vertical-align: top; }
  table.grid td.right { text-align: right; } table.grid td.center { text-align: center; }
  .foot { margin-top: 14pt; }
  .foot td { vertical-align: top; }
  .recipients { width: 45%; font-size: 11pt; }
  .recipients strong { font-size: 12pt; }
  .sign { text-align: center; }
  .sign .space { height: 22mm; }
  @media print { body { margin: 0; max-width: none; } }
</style>
</head>
<body>
<main>
${doc.formLabel ? `<p class="form">${escapeHtml(doc.formLabel)}</p>` : ''}
<table class="head"><tr>
  <td class="agency">${superior}<strong>${escapeHtml(h.issuer)}</strong><span class="rule"></span>${h.number ? escapeHtml(h.number) : ''}</td>
  <td class="nation"><strong>${MOTTO.nation}</strong><br><strong>${MOTTO.motto}</strong><span class="rule"></span><span class="place">${escapeHtml(placeAndDate(h.place, h.issuedAt))}</span></td>
</tr></table>
<h1>${escapeHtml(doc.heading)}</h1>
${(doc.subheadings ?? []).map((s) => `<p class="sub">${escapeHtml(s)}</p>`).join('\n')}
${doc.body.map(block).join('\n')}
<table class="foot"><tr>${recipients}${doc.signatures.map(signature).join('')}</tr></table>
</main>
</body>
</html>
`;
}
