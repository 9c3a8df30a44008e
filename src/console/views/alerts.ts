// Pure: the overdue and near-due lists: a page of open alerts in due order, a "next page" link
// carrying the cursor; a column sorts the page's rows (links, so it works from the keyboard and
// without scripts); filtered by unit and procedure.
import { html, type Markup } from './html';
import { CONSOLE } from './layout';
import { num, shortDateTime, STEPS, type T, word } from './words';

export interface AlertRow {
  dossierId: string | null;
  portalCode: string;
  enterprise: string;
  procedureCode: string;
  procedureName: string;
  step: string;
  unitCode: string;
  unitName: string;
  officials: string[];
  dueAt: string;
  /** Working days past the due date (overdue) or left before it (near-due). */
  workingDays: number;
}

export const SORTS = ['portalCode', 'enterprise', 'procedureName', 'step', 'unitName', 'officials', 'dueAt', 'workingDays'] as const;
export type SortKey = (typeof SORTS)[number];

export interface AlertsModel {
  kind: 'overdue' | 'near-due';
  rows: AlertRow[];
  sort: SortKey;
  desc: boolean;
  unit: string;
  procedure: string;
  units: { code: string; name: string }[];
  procedures: { code: string; name: string }[];
  /** How fresh the list is (X-Data-As-Of): the replica's last replayed commit, or now. */
  asOf: Date;
  /** Open alerts the filters match, on every page. */
  total: number;
  /** The page's own cursor (null: the first page) and the next one's (null: the last). */
  cursor: string | null;
  nextCursor: string | null;
}

const sortValue = (r: AlertRow, key: SortKey): string | number => (key === 'officials' ? r.officials.join(', ') : key === 'step' ? word(STEPS, r.step, (vi) => vi) : r[key]);

/** Sorted by one column (numbers as numbers, text in Vietnamese order), then by due time. */
export function sortAlerts(rows: AlertRow[], key: SortKey, desc: boolean): AlertRow[] {
  const sign = desc ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = sortValue(a, key);
    const y = sortValue(b, key);
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'vi');
    return sign * c || a.dueAt.localeCompare(b.dueAt);
  });
}

export function alertsBody(m: AlertsModel, t: T): Markup {
  const query = (over: Record<string, string>) => {
    const q = new URLSearchParams({
      kind: m.kind, ...(m.unit ? { unit: m.unit } : {}), ...(m.procedure ? { procedure: m.procedure } : {}), sort: m.sort, ...(m.desc ? { desc: '1' } : {}),
      ...(m.cursor ? { cursor: m.cursor } : {}), ...over,
    });
    if (q.get('desc') === '0') q.delete('desc');
    if (q.get('cursor') === '') q.delete('cursor');
    return `${CONSOLE}/alerts?${q.toString()}`;
  };
  const days = m.kind === 'overdue' ? t('Số ngày làm việc quá hạn', 'Working days late') : t('Số ngày làm việc còn lại', 'Working days left');
  const columns: [SortKey, string][] = [
    ['portalCode', t('Mã hồ sơ', 'Dossier code')], ['enterprise', t('Doanh nghiệp', 'Enterprise')], ['procedureName', t('Thủ tục', 'Procedure')],
    ['step', t('Bước', 'Step')], ['unitName', t('Đơn vị đang giữ', 'Unit holding it')], ['officials', t('Cán bộ được phân công', 'Officials granted the step')],
    ['dueAt', t('Hạn xử lý', 'Due')], ['workingDays', days],
  ];
  const header = columns.map(([key, title]) => {
    const current = m.sort === key;
    const next = current && !m.desc ? '1' : '0';
    return html`<th scope="col"${current ? html` aria-sort="${m.desc ? 'descending' : 'ascending'}"` : ''}><a href="${query({ sort: key, desc: next })}">${title}${current ? (m.desc ? ' ▼' : ' ▲') : ''}</a></th>`;
  });
  const option = (value: string, label: string, selected: string) => html`<option value="${value}"${value === selected ? html` selected` : ''}>${label}</option>`;
  const rows = m.rows.map(
    (r) => html`<tr>
      <td>${r.dossierId ? html`<a href="${CONSOLE}/dossiers/${r.dossierId}">${r.portalCode}</a>` : r.portalCode}</td>
      <td>${r.enterprise}</td><td>${r.procedureName}</td><td>${word(STEPS, r.step, t)}</td><td>${r.unitName}</td>
      <td>${r.officials.length ? r.officials.join(', ') : '—'}</td><td>${shortDateTime(r.dueAt)}</td><td class="num">${num(r.workingDays, t, 1)}</td>
    </tr>`,
  );
  const all = t('Tất cả', 'All');
  const caption = m.kind === 'overdue' ? t('Hồ sơ đã quá hạn xử lý', 'Dossiers past a time limit') : t('Hồ sơ sắp đến hạn xử lý', 'Dossiers near a time limit');
  return html`<form method="get" action="${CONSOLE}/alerts" class="filters" aria-label="${t('Lọc danh sách', 'Filter the list')}">
    <input type="hidden" name="kind" value="${m.kind}">
    <label for="unit">${t('Đơn vị', 'Unit')}</label>
    <select id="unit" name="unit">${option('', all, m.unit)}${m.units.map((u) => option(u.code, u.name, m.unit))}</select>
    <label for="procedure">${t('Thủ tục', 'Procedure')}</label>
    <select id="procedure" name="procedure">${option('', all, m.procedure)}${m.procedures.map((p) => option(p.code, p.name, m.procedure))}</select>
    <button type="submit">${t('Lọc', 'Filter')}</button>
  </form>
  <p role="status">${num(m.total, t)} ${t('cảnh báo', 'alerts')}${m.total > m.rows.length ? html`; ${t('trang này', 'this page')}: ${num(m.rows.length, t)}` : ''}.</p>
  <div class="scroll" tabindex="0" role="region" aria-label="${t('Bảng cảnh báo, cuộn ngang', 'Alerts table, scrolls sideways')}"><table class="data alerts">
    <caption>${caption} ${t('(theo hạn xử lý; bấm tiêu đề cột để sắp xếp trang này)', '(by due time; a column heading sorts this page)')}</caption>
    <thead><tr>${header}</tr></thead>
    <tbody>${rows.length ? rows : html`<tr><td colspan="8">${t('Không có hồ sơ nào.', 'None.')}</td></tr>`}</tbody>
  </table></div>
  ${m.cursor || m.nextCursor ? html`<nav class="pager" aria-label="${t('Trang', 'Pages')}">
    ${m.cursor ? html`<a href="${query({ cursor: '' })}">${t('Trang đầu', 'First page')}</a>` : ''}
    ${m.nextCursor ? html`<a rel="next" href="${query({ cursor: m.nextCursor })}">${t('Trang sau', 'Next page')} →</a>` : ''}
  </nav>` : ''}`;
}
