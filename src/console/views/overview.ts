// Pure: the overview: the processing report of a period per unit and per procedure, as tables and
// charts, and a line per week of the dossiers received and the on-time rate.
import type { Counts, ProcessingReport, ReportRow } from '../../reports/processing-report';
import type { ConsolePeriod } from '../period';
import { stackedBars, trendLine } from './chart';
import { html, type Markup } from './html';
import { CONSOLE } from './layout';
import { vnNumber } from './words';

export interface WeekFigure {
  /** The Monday of the week (YYYY-MM-DD). */
  week: string;
  received: number;
  onTimeRate: number | null;
}

export interface OverviewModel {
  period: ConsolePeriod;
  byUnit: ProcessingReport;
  byProcedure: ProcessingReport;
  weeks: WeekFigure[];
  /** Steps past their own time limit now (open overdue alerts), which the overdue list shows. */
  overdueSteps: number;
}

/** The figures the overview shows, each a key of the API's report. */
export const OVERVIEW_COLUMNS: { key: keyof Counts; title: string }[] = [
  { key: 'received', title: 'Tiếp nhận' },
  { key: 'inProgress', title: 'Đang xử lý' },
  { key: 'doneOnTime', title: 'Đúng hạn (kể cả trước hạn)' },
  { key: 'finishedLateWithApology', title: 'Trễ hạn có xin lỗi' },
  { key: 'finishedLate', title: 'Trễ hạn' },
  { key: 'overdueNow', title: 'Quá hạn trả kết quả' },
];

/** Finished on time over all finished with a result; null when none finished. */
export function onTimeRate(c: Pick<Counts, 'doneOnTime' | 'doneLate'>): number | null {
  const done = c.doneOnTime + c.doneLate;
  return done === 0 ? null : c.doneOnTime / done;
}

const percent = (rate: number | null) => (rate === null ? '—' : `${vnNumber(rate * 100, 1)} %`);

function table(caption: string, report: ProcessingReport, keyTitle: string, link: (key: string) => string | null): Markup {
  const row = (r: ReportRow | (Counts & { key: null; name: string }), total: boolean) => {
    const href = !total && r.key ? link(r.key) : null;
    const name = total ? 'Tổng cộng' : (r.name ?? r.key ?? '(chưa xác định)');
    return html`<tr${total ? html` class="total"` : ''} data-key="${total ? 'total' : (r.key ?? 'none')}">
      <th scope="row">${href ? html`<a href="${href}">${name}</a>` : name}</th>
      ${OVERVIEW_COLUMNS.map((c) => html`<td class="num" data-col="${c.key}">${vnNumber(r[c.key] as number)}</td>`)}
      <td class="num" data-col="onTimeRate">${percent(onTimeRate(r))}</td>
    </tr>`;
  };
  return html`<div class="scroll"><table class="data figures">
    <caption>${caption}</caption>
    <thead><tr><th scope="col">${keyTitle}</th>${OVERVIEW_COLUMNS.map((c) => html`<th scope="col">${c.title}</th>`)}<th scope="col">Tỷ lệ đúng hạn</th></tr></thead>
    <tbody>${report.rows.map((r) => row(r, false))}</tbody>
    <tfoot>${row({ ...report.totals, key: null, name: 'Tổng cộng' }, true)}</tfoot>
  </table></div>`;
}

function periodForm(p: ConsolePeriod): Markup {
  const option = (value: ConsolePeriod['kind'], label: string) => html`<option value="${value}"${p.kind === value ? html` selected` : ''}>${label}</option>`;
  return html`<form method="get" action="${CONSOLE}/overview" class="filters" aria-label="Chọn kỳ">
    <label for="period">Kỳ báo cáo</label>
    <select id="period" name="period">${option('week', 'Tuần này')}${option('month', 'Tháng này')}${option('custom', 'Tùy chọn')}</select>
    <label for="from">Từ ngày</label><input id="from" name="from" type="date" value="${p.from}">
    <label for="to">Đến ngày</label><input id="to" name="to" type="date" value="${p.to}">
    <button type="submit">Xem</button>
  </form>`;
}

export function overviewBody(m: OverviewModel): Markup {
  const t = m.byUnit.totals;
  const cards: [string, number | string, string][] = [
    ['Tiếp nhận', vnNumber(t.received), 'received'],
    ['Đang xử lý', vnNumber(t.inProgress), 'inProgress'],
    ['Hồ sơ quá hạn trả kết quả', vnNumber(t.overdueNow), 'overdueNow'],
    ['Tỷ lệ đúng hạn', percent(onTimeRate(t)), 'onTimeRate'],
  ];
  const unitLink = (key: string) => `${CONSOLE}/alerts?kind=overdue&unit=${encodeURIComponent(key)}`;
  const series = [
    { name: 'Đúng hạn', className: 's-ontime' },
    { name: 'Trễ có xin lỗi', className: 's-apology' },
    { name: 'Trễ hạn', className: 's-late' },
    { name: 'Đang xử lý', className: 's-open' },
  ];
  const bars = m.byUnit.rows.map((r) => ({ label: r.name ?? r.key ?? '(chưa xác định)', parts: [r.doneOnTime, r.finishedLateWithApology, r.finishedLate, r.inProgress] }));
  const weekLabel = (w: string) => `${w.slice(8, 10)}/${w.slice(5, 7)}`;
  const alertsLink = html`<li data-card="overdueSteps"><a href="${CONSOLE}/alerts?kind=overdue"><span>Cảnh báo quá hạn đang mở</span><strong>${vnNumber(m.overdueSteps)}</strong></a></li>`;
  return html`${periodForm(m.period)}
<p class="period">Từ ngày <strong>${m.period.fromLabel}</strong> đến ngày <strong>${m.period.toLabel}</strong>; số liệu tính đến ${m.period.atLabel}.</p>
<ul class="cards">${cards.map(([label, value, key]) => html`<li data-card="${key}"><span>${label}</span><strong>${value}</strong></li>`)}${alertsLink}</ul>
<section aria-labelledby="by-unit"><h2 id="by-unit">Theo đơn vị</h2>
${table('Hồ sơ theo đơn vị đang giữ hoặc đã giải quyết', m.byUnit, 'Đơn vị', unitLink)}
${stackedBars('Kết quả giải quyết theo đơn vị', series, bars)}
</section>
<section aria-labelledby="by-procedure"><h2 id="by-procedure">Theo thủ tục</h2>
${table('Hồ sơ theo thủ tục', m.byProcedure, 'Thủ tục', (key) => `${CONSOLE}/alerts?kind=overdue&procedure=${encodeURIComponent(key)}`)}
</section>
<section aria-labelledby="trend"><h2 id="trend">Xu hướng theo tuần</h2>
<div class="trends">
<figure>${trendLine('Hồ sơ tiếp nhận mỗi tuần', m.weeks.map((w) => ({ label: weekLabel(w.week), value: w.received })), (v) => vnNumber(v))}<figcaption>Hồ sơ tiếp nhận mỗi tuần</figcaption></figure>
<figure>${trendLine('Tỷ lệ giải quyết đúng hạn mỗi tuần', m.weeks.map((w) => ({ label: weekLabel(w.week), value: w.onTimeRate === null ? null : w.onTimeRate * 100 })), (v) => `${vnNumber(v, 0)}%`)}<figcaption>Tỷ lệ giải quyết đúng hạn mỗi tuần</figcaption></figure>
</div>
</section>`;
}
