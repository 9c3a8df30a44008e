// Pure: the processing report as CSV for a spreadsheet: UTF-8 with a byte-order mark (Excel on
// Vietnamese Windows reads a file without it as the local code page), Vietnamese headings by
// default, one row per key and a totals row.
import { toCsv } from '../common/csv';
import type { ReportGroup, ReportLang } from './processing-report.query';
import { type Counts, DOSSIER_COLUMNS, type ProcessingReport, type ReportRow, RESULT_COLUMNS, STEP_COLUMNS } from './processing-report';

export const BOM = '\uFEFF';

type Cell = string | number | null;

interface Column {
  vi: string;
  en: string;
  value: (row: ReportRow) => Cell;
}

/** The columns naming a row, per grouping: no internal ids, people by ID number and name. */
const KEY_COLUMNS: Record<ReportGroup, Column[]> = {
  unit: [
    { vi: 'Đơn vị', en: 'unit', value: (r) => r.key },
    { vi: 'Tên đơn vị', en: 'name', value: (r) => r.name },
  ],
  procedure: [
    { vi: 'Thủ tục', en: 'procedure', value: (r) => r.key },
    { vi: 'Tên thủ tục', en: 'name', value: (r) => r.name },
  ],
  official: [
    { vi: 'Số định danh', en: 'idNumber', value: (r) => r.idNumber ?? null },
    { vi: 'Họ và tên', en: 'fullName', value: (r) => r.name },
    { vi: 'Đơn vị', en: 'unit', value: (r) => r.unitCode ?? null },
  ],
  step: [
    { vi: 'Thủ tục', en: 'procedure', value: (r) => r.procedureCode ?? null },
    { vi: 'Bước', en: 'step', value: (r) => r.step ?? null },
    { vi: 'Tên bước', en: 'name', value: (r) => r.name },
  ],
};

const HEADINGS: Record<keyof Required<Counts>, string> = {
  carriedOver: 'Kỳ trước chuyển qua',
  received: 'Tiếp nhận',
  finishedEarly: 'Trước hạn',
  finishedOnTime: 'Đúng hạn',
  finishedLateWithApology: 'Trễ hạn có xin lỗi',
  finishedLate: 'Trễ hạn',
  inProgress: 'Đang xử lý',
  inProgressWithinTime: 'Đang xử lý trong hạn',
  inProgressOverdue: 'Đang xử lý quá hạn',
  overdueNow: 'Quá hạn hiện tại',
  withdrawn: 'Rút hồ sơ',
  rejected: 'Từ chối',
  doneOnTime: 'Đã giải quyết đúng hạn',
  doneLate: 'Đã giải quyết trễ hạn',
  stepsFinished: 'Bước đã xử lý',
  stepsFinishedLate: 'Bước xử lý trễ hạn',
  handoversReceivedLate: 'Nhận bàn giao trễ',
  medianWorkingHours: 'Trung vị giờ xử lý',
  p90WorkingHours: 'Phân vị 90 giờ xử lý',
  refusedOnTime: 'Từ chối đúng hạn',
  refusedLate: 'Từ chối trễ hạn',
  workersSupported: 'Số người lao động được hỗ trợ',
  fundsApproved: 'Kinh phí được phê duyệt (đồng)',
  fundsLent: 'Số tiền cho vay (đồng)',
};

const TOTAL: Record<ReportLang, string> = { vi: 'Tổng cộng', en: 'Total' };

/** Hours with the decimal comma Vietnamese spreadsheets expect (quoted by toCsv), or a point. */
function hours(value: number | null, lang: ReportLang): Cell {
  if (value === null) return null;
  return lang === 'vi' ? String(value).replace('.', ',') : value;
}

/**
 * `results`: the result columns (refusals on time and late, workers supported, funds), after the
 * periodic report's, which keep their places; false gives the periodic report's columns alone.
 */
export function processingReportCsv(report: ProcessingReport, lang: ReportLang = 'vi', results = true): string {
  const keys = KEY_COLUMNS[report.groupBy];
  const counts: (keyof Required<Counts>)[] = [...DOSSIER_COLUMNS, ...STEP_COLUMNS, ...(results ? RESULT_COLUMNS : [])];
  const cells = (r: ReportRow) => [
    ...keys.map((c) => c.value(r)),
    ...counts.map((c) => (c === 'medianWorkingHours' || c === 'p90WorkingHours' ? hours(r[c], lang) : (r[c] ?? null))),
  ];
  const totals: ReportRow = { key: TOTAL[lang], name: null, ...report.totals };
  const totalRow = cells(totals).map((cell, i) => (i < keys.length ? (i === 0 ? TOTAL[lang] : null) : cell));
  return BOM + toCsv([...keys.map((c) => c[lang]), ...counts.map((c) => (lang === 'vi' ? HEADINGS[c] : c))], [...report.rows.map(cells), totalRow]);
}
