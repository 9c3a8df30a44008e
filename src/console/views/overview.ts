// Pure: the overview: the processing report of a period per unit and per procedure, as tables and
// charts, and a line per week of the dossiers received and the on-time rate.
import type { Counts, ProcessingReport, ReportRow } from '../../reports/processing-report';
import type { ConsolePeriod } from '../period';
import { stackedBars, trendLine } from './chart';
import { html, type Markup } from './html';
import { CONSOLE } from './layout';
import { num, type T } from './words';

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
  /** How fresh the figures are (a replica's last replayed commit, or now). */
  asOf: Date;
}

/** The figures the overview shows, each a key of the API's report. */
export const OVERVIEW_COLUMNS: { key: keyof Counts; vi: string; en: string }[] = [
  { key: 'received', vi: 'Tiếp nhận', en: 'Received' },
  { key: 'inProgress', vi: 'Đang xử lý', en: 'In progress' },
  { key: 'doneOnTime', vi: 'Đúng hạn (kể cả trước hạn)', en: 'On time (or early)' },
  { key: 'finishedLateWithApology', vi: 'Trễ hạn có xin lỗi', en: 'Late, with apology' },
  { key: 'finishedLate', vi: 'Trễ hạn', en: 'Late' },
  { key: 'overdueNow', vi: 'Quá hạn trả kết quả', en: 'Past the return date' },
  { key: 'refusedOnTime', vi: 'Từ chối đúng hạn', en: 'Refused on time' },
  { key: 'refusedLate', vi: 'Từ chối trễ hạn', en: 'Refused late' },
  { key: 'workersSupported', vi: 'Người lao động được hỗ trợ', en: 'Workers supported' },
  { key: 'fundsApproved', vi: 'Kinh phí phê duyệt (đồng)', en: 'Funds approved (VND)' },
  { key: 'fundsLent', vi: 'Số tiền cho vay (đồng)', en: 'Funds lent (VND)' },
];

/** Finished on time over all finished with a result; null when none finished. */
export function onTimeRate(c: Pick<Counts, 'doneOnTime' | 'doneLate'>): number | null {
  const done = c.doneOnTime + c.doneLate;
  return done === 0 ? null : c.doneOnTime / done;
}

const percent = (rate: number | null, t: T) => (rate === null ? '—' : `${num(rate * 100, t, 1)} %`);

function table(caption: string, report: ProcessingReport, keyTitle: string, link: (key: string) => string | null, t: T): Markup {
  const row = (r: ReportRow | (Counts & { key: null; name: string }), total: boolean) => {
    const href = !total && r.key ? link(r.key) : null;
    const name = total ? t('Tổng cộng', 'Total') : (r.name ?? r.key ?? t('(chưa xác định)', '(unknown)'));
    return html`<tr${total ? html` class="total"` : ''} data-key="${total ? 'total' : (r.key ?? 'none')}">
      <th scope="row">${href ? html`<a href="${href}">${name}</a>` : name}</th>
      ${OVERVIEW_COLUMNS.map((c) => html`<td class="num" data-col="${c.key}">${num(r[c.key] as number, t)}</td>`)}
      <td class="num" data-col="onTimeRate">${percent(onTimeRate(r), t)}</td>
    </tr>`;
  };
  return html`<div class="scroll" tabindex="0" role="region" aria-label="${caption}"><table class="data figures">
    <caption>${caption}</caption>
    <thead><tr><th scope="col">${keyTitle}</th>${OVERVIEW_COLUMNS.map((c) => html`<th scope="col">${t(c.vi, c.en)}</th>`)}<th scope="col">${t('Tỷ lệ đúng hạn', 'On-time rate')}</th></tr></thead>
    <tbody>${report.rows.map((r) => row(r, false))}</tbody>
    <tfoot>${row({ ...report.totals, key: null, name: '' }, true)}</tfoot>
  </table></div>`;
}

function periodForm(p: ConsolePeriod, t: T): Markup {
  const option = (value: ConsolePeriod['kind'], label: string) => html`<option value="${value}"${p.kind === value ? html` selected` : ''}>${label}</option>`;
  return html`<form method="get" action="${CONSOLE}/overview" class="filters" aria-label="${t('Chọn kỳ', 'Choose the period')}">
    <label for="period">${t('Kỳ báo cáo', 'Period')}</label>
    <select id="period" name="period">${option('week', t('Tuần này', 'This week'))}${option('month', t('Tháng này', 'This month'))}${option('custom', t('Tùy chọn', 'Custom'))}</select>
    <label for="from">${t('Từ ngày', 'From')}</label><input id="from" name="from" type="date" value="${p.from}">
    <label for="to">${t('Đến ngày', 'To')}</label><input id="to" name="to" type="date" value="${p.to}">
    <button type="submit">${t('Xem', 'Show')}</button>
  </form>`;
}

export function overviewBody(m: OverviewModel, t: T): Markup {
  const totals = m.byUnit.totals;
  const cards: [string, string, string][] = [
    [t('Tiếp nhận', 'Received'), num(totals.received, t), 'received'],
    [t('Đang xử lý', 'In progress'), num(totals.inProgress, t), 'inProgress'],
    [t('Hồ sơ quá hạn trả kết quả', 'Past the return date'), num(totals.overdueNow, t), 'overdueNow'],
    [t('Tỷ lệ đúng hạn', 'On-time rate'), percent(onTimeRate(totals), t), 'onTimeRate'],
  ];
  const alertsCard = html`<li data-card="overdueSteps"><a href="${CONSOLE}/alerts?kind=overdue"><span>${t('Cảnh báo quá hạn đang mở', 'Open overdue alerts')}</span><strong>${num(m.overdueSteps, t)}</strong></a></li>`;
  const unitLink = (key: string) => `${CONSOLE}/alerts?kind=overdue&unit=${encodeURIComponent(key)}`;
  const series = [
    { name: t('Đúng hạn', 'On time'), className: 's-ontime' },
    { name: t('Trễ có xin lỗi', 'Late, apology'), className: 's-apology' },
    { name: t('Trễ hạn', 'Late'), className: 's-late' },
    { name: t('Đang xử lý', 'In progress'), className: 's-open' },
  ];
  const bars = m.byUnit.rows.map((r) => ({ label: r.shortName ?? r.name ?? r.key ?? t('(chưa xác định)', '(unknown)'), parts: [r.doneOnTime, r.finishedLateWithApology, r.finishedLate, r.inProgress] }));
  // Eight weeks of nothing received is no figure, not a line along zero.
  const anyReceived = m.weeks.some((w) => w.received > 0);
  const weekLabel = (w: string) => `${w.slice(8, 10)}/${w.slice(5, 7)}`;
  const none = t('không có', 'none');
  const received = t('Hồ sơ tiếp nhận mỗi tuần', 'Dossiers received per week');
  const rate = t('Tỷ lệ giải quyết đúng hạn mỗi tuần', 'On-time rate per week');
  return html`${periodForm(m.period, t)}
<p class="period">${t('Từ ngày', 'From')} <strong>${m.period.fromLabel}</strong> ${t('đến ngày', 'to')} <strong>${m.period.toLabel}</strong>; ${t('số liệu tính đến', 'figures as of')} ${m.period.atLabel}.</p>
<ul class="cards">${cards.map(([label, value, key]) => html`<li data-card="${key}"><span>${label}</span><strong>${value}</strong></li>`)}${alertsCard}</ul>
<section aria-labelledby="by-unit"><h2 id="by-unit">${t('Theo đơn vị', 'By unit')}</h2>
${table(t('Hồ sơ theo đơn vị đang giữ hoặc đã giải quyết', 'Dossiers by the unit holding or having settled them'), m.byUnit, t('Đơn vị', 'Unit'), unitLink, t)}
${stackedBars(t('Kết quả giải quyết theo đơn vị', 'Outcomes by unit'), series, bars, t)}
</section>
<section aria-labelledby="by-procedure"><h2 id="by-procedure">${t('Theo thủ tục', 'By procedure')}</h2>
${table(t('Hồ sơ theo thủ tục', 'Dossiers by procedure'), m.byProcedure, t('Thủ tục', 'Procedure'), (key) => `${CONSOLE}/alerts?kind=overdue&procedure=${encodeURIComponent(key)}`, t)}
</section>
<section aria-labelledby="trend"><h2 id="trend">${t('Xu hướng theo tuần', 'Weekly trend')}</h2>
<div class="trends">
<figure>${trendLine(received, m.weeks.map((w) => ({ label: weekLabel(w.week), value: anyReceived ? w.received : null })), (v) => num(v, t), none, t)}<figcaption>${received}</figcaption></figure>
<figure>${trendLine(rate, m.weeks.map((w) => ({ label: weekLabel(w.week), value: w.onTimeRate === null ? null : w.onTimeRate * 100 })), (v) => `${num(v, t)}%`, none, t)}<figcaption>${rate}</figcaption></figure>
</div>
</section>`;
}
