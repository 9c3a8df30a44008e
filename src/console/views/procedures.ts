// Pure: the procedures the service knows (every deployed version, the seeds' included), and one
// version's steps as a diagram beside the same steps as a table.
import { procedureDiagram } from '../../workflow/procedure-diagram';
import type { ProcedureDefinition } from '../../workflow/types';
import { html, Markup } from './html';
import { CONSOLE } from './layout';
import { type Lang, num, type T } from './words';

export const procedureHref = (p: { code: string; version: number }) => `${CONSOLE}/procedures/${encodeURIComponent(p.code)}/${p.version}`;

export function proceduresBody(list: readonly ProcedureDefinition[], t: T): Markup {
  const rows = [...list]
    .sort((a, b) => a.code.localeCompare(b.code) || a.version - b.version)
    .map(
      (p) => html`<tr>
      <td><code>${p.code}</code></td><td class="num">${p.version}</td><td><a href="${procedureHref(p)}">${p.name}</a></td>
      <td>${p.legalBasis}</td><td>${p.effectiveFrom}</td><td class="num">${num(p.steps.length, t)}</td>
    </tr>`,
    );
  return html`<div class="scroll" tabindex="0" role="region" aria-label="${t('Bảng thủ tục, cuộn ngang', 'Procedures table, scrolls sideways')}"><table class="data">
    <caption>${t('Mọi phiên bản thủ tục đã triển khai (chọn tên để xem sơ đồ các bước)', 'Every deployed procedure version (a name opens its diagram)')}</caption>
    <thead><tr><th scope="col">${t('Mã', 'Code')}</th><th scope="col">${t('Phiên bản', 'Version')}</th><th scope="col">${t('Tên thủ tục', 'Name')}</th>
      <th scope="col">${t('Căn cứ pháp lý', 'Legal basis')}</th><th scope="col">${t('Hiệu lực từ', 'In effect from')}</th><th scope="col">${t('Số bước', 'Steps')}</th></tr></thead>
    <tbody>${rows}</tbody>
  </table></div>`;
}

export function procedureBody(p: ProcedureDefinition, lang: Lang, t: T): Markup {
  const steps = [...p.steps].sort((a, b) => a.order - b.order).map(
    (s) => html`<tr><td class="num">${s.order}</td><td>${lang === 'en' && s.labelEn ? s.labelEn : s.label}</td><td><code>${s.actor}</code></td>
      <td class="num">${s.timeLimitWorkingDays ?? '—'}</td><td>${s.advanceLabel ?? s.advance ?? '—'}</td><td>${s.maySupplement ? t('Có', 'Yes') : t('Không', 'No')}</td></tr>`,
  );
  // The diagram escapes every text of the definition itself (it is XML, not HTML, inside).
  const diagram = new Markup(procedureDiagram(p, lang));
  return html`<p><a href="${CONSOLE}/procedures">← ${t('Danh sách thủ tục', 'All procedures')}</a></p>
  <dl class="facts"><dt>${t('Mã', 'Code')}</dt><dd><code>${p.code}</code></dd><dt>${t('Phiên bản', 'Version')}</dt><dd>${p.version}</dd>
    <dt>${t('Căn cứ pháp lý', 'Legal basis')}</dt><dd>${p.legalBasis}</dd><dt>${t('Hiệu lực từ', 'In effect from')}</dt><dd>${p.effectiveFrom}</dd></dl>
  <h2 id="diagram">${t('Sơ đồ các bước', 'The steps as a diagram')}</h2>
  <figure class="diagram"><div class="scroll" tabindex="0" role="region" aria-label="${t('Sơ đồ, cuộn ngang', 'Diagram, scrolls sideways')}">${diagram}</div></figure>
  <h2 id="steps">${t('Các bước', 'Steps')}</h2>
  <div class="scroll" tabindex="0" role="region" aria-label="${t('Bảng các bước, cuộn ngang', 'Steps table, scrolls sideways')}"><table class="data">
    <caption>${t('Các bước, tác nhân và thời hạn (ngày làm việc)', 'Steps, actors and time limits (working days)')}</caption>
    <thead><tr><th scope="col">${t('Thứ tự', 'Order')}</th><th scope="col">${t('Bước', 'Step')}</th><th scope="col">${t('Tác nhân', 'Actor')}</th>
      <th scope="col">${t('Thời hạn', 'Time limit')}</th><th scope="col">${t('Thao tác chuyển bước', 'Advancing action')}</th><th scope="col">${t('Yêu cầu bổ sung', 'May ask for a supplement')}</th></tr></thead>
    <tbody>${steps}</tbody>
  </table></div>`;
}
