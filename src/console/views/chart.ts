// Pure: the overview's charts as inline SVG drawn on the server: stacked bars per unit, and a
// small line per week. Each has a text alternative; the tables beside them carry the same figures.
import { html, type Markup } from './html';
import { num, type T } from './words';

export interface BarRow {
  label: string;
  parts: number[];
}

export interface Series {
  name: string;
  className: string;
}

/** What a chart with nothing to draw says instead of a blank box. */
export const noFigures = (title: string, t: T): Markup =>
  html`<p class="chart-empty" role="img" aria-label="${title}: ${t('chưa có số liệu', 'no figures yet')}">${t('chưa có số liệu', 'no figures yet')}</p>`;

/** Horizontal stacked bars, one per row, scaled to the largest total; with no figure at all, a sentence. */
export function stackedBars(title: string, series: Series[], rows: BarRow[], t: T): Markup {
  if (!rows.some((r) => r.parts.some((n) => n > 0))) return noFigures(title, t);
  const rowHeight = 30;
  const labelWidth = 220;
  const barWidth = 360;
  const height = rows.length * rowHeight + 30;
  const max = Math.max(1, ...rows.map((r) => r.parts.reduce((a, b) => a + b, 0)));
  const bars = rows.map((r, i) => {
    let x = labelWidth;
    const y = i * rowHeight + 4;
    const total = r.parts.reduce((a, b) => a + b, 0);
    const segments = r.parts.map((n, k) => {
      const w = (n / max) * barWidth;
      const rect = n > 0 ? html`<rect class="${series[k].className}" x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${rowHeight - 10}"><title>${series[k].name}: ${n}</title></rect>` : '';
      x += w;
      return rect;
    });
    const label = r.label.length > 30 ? `${r.label.slice(0, 29)}…` : r.label;
    return html`<text x="${labelWidth - 6}" y="${y + 15}" text-anchor="end">${label}</text>${segments}<text x="${(x + 4).toFixed(1)}" y="${y + 15}">${num(total, t)}</text>`;
  });
  const legend = series.map((s, k) => html`<rect class="${s.className}" x="${labelWidth + k * 110}" y="${height - 18}" width="10" height="10"></rect><text x="${labelWidth + k * 110 + 14}" y="${height - 9}">${s.name}</text>`);
  const summary = rows.map((r) => `${r.label}: ${series.map((s, k) => `${s.name} ${r.parts[k]}`).join(', ')}`).join('; ');
  return html`<svg class="chart" viewBox="0 0 ${labelWidth + barWidth + 60} ${height}" role="img" aria-label="${title}. ${summary}"><title>${title}</title>${bars}${legend}</svg>`;
}

/** A small line of values per week (null = no figure that week), with its points labelled; none at all, a sentence. */
export function trendLine(title: string, points: { label: string; value: number | null }[], format: (v: number) => string, none: string, t: T): Markup {
  if (points.every((p) => p.value === null)) return noFigures(title, t);
  const width = 600;
  const height = 140;
  const pad = 30;
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  const max = Math.max(1, ...values);
  const step = points.length > 1 ? (width - 2 * pad) / (points.length - 1) : 0;
  const xy = points.map((p, i) => ({ ...p, x: pad + i * step, y: p.value === null ? null : height - pad - (p.value / max) * (height - 2 * pad) }));
  const line = xy.filter((p) => p.y !== null).map((p) => `${p.x.toFixed(1)},${p.y!.toFixed(1)}`).join(' ');
  const dots = xy.map((p) =>
    html`${p.y === null ? '' : html`<circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="3"><title>${p.label}: ${format(p.value!)}</title></circle><text x="${p.x.toFixed(1)}" y="${(p.y - 7).toFixed(1)}" text-anchor="middle">${format(p.value!)}</text>`}<text x="${p.x.toFixed(1)}" y="${height - 8}" text-anchor="middle" class="axis">${p.label}</text>`,
  );
  const summary = points.map((p) => `${p.label}: ${p.value === null ? none : format(p.value)}`).join('; ');
  return html`<svg class="trend" viewBox="0 0 ${width} ${height}" role="img" aria-label="${title}. ${summary}"><title>${title}</title><polyline points="${line}"></polyline>${dots}</svg>`;
}
