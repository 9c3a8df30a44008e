// Pure: the console's words in Vietnamese (the default) and English, for the service's keys (steps,
// actions, statuses, results, events) and for the pages' own text.
import type { StepResult } from '../../documents/forms/form-05';
import { advancedStep, definedStep } from '../../workflow/definitions';

export type Lang = 'vi' | 'en';

/** A sentence of the interface in the reader's language: t('Tổng quan', 'Overview'). */
export type T = (vi: string, en: string) => string;

export const translator = (lang: Lang): T => (vi, en) => (lang === 'en' ? en : vi);

type Words = Record<string, [string, string]>;

/** `receipt` is the alert on the receiving unit's 8 working hours to accept or ask for a supplement; the other steps are named by their definitions. */
const FIXED_STEPS: Words = {
  submission: ['Nộp hồ sơ', 'Submission'],
  receipt: ['Tiếp nhận hồ sơ (8 giờ làm việc)', 'Receipt (8 working hours)'],
};

/** A step's words: the engine's own, else its definition's label (labelEn in English); null when no version has the step. */
export function stepWords(key: string): [string, string] | null {
  if (FIXED_STEPS[key]) return FIXED_STEPS[key];
  const step = definedStep(key);
  return step ? [step.label, step.labelEn ?? step.label] : null;
}

/** The steps' words, read from the definitions at each lookup (a version deployed since start included). */
export const STEPS: Words = new Proxy({} as Words, { get: (_, key) => (typeof key === 'string' ? (stepWords(key) ?? undefined) : undefined) });

const ENGINE_ACTIONS: Words = {
  accept: ['Tiếp nhận', 'Accept'],
  confirm: ['Xác nhận', 'Confirm'],
  appraise: ['Thẩm định, trình phê duyệt', 'Appraise'],
  approve: ['Phê duyệt', 'Approve'],
  disburse: ['Giải ngân', 'Disburse'],
  'record-payment': ['Ghi nhận chi trả', 'Record a payment'],
  reject: ['Từ chối giải quyết', 'Reject'],
  'request-supplement': ['Yêu cầu bổ sung hồ sơ', 'Request a supplement'],
  supplement: ['Bổ sung hồ sơ', 'Supplement'],
  withdraw: ['Rút hồ sơ', 'Withdraw'],
  submit: ['Nộp hồ sơ', 'Submit'],
};

/** The actions' words: the engine's and the seeds', else the advancing step's advanceLabel (the action's key in English). */
export const ACTIONS: Words = new Proxy(ENGINE_ACTIONS, {
  get: (fixed, key) => {
    if (typeof key !== 'string') return undefined;
    if (Object.hasOwn(fixed, key)) return fixed[key];
    const step = advancedStep(key);
    return step ? [step.advanceLabel ?? step.label, key] : undefined;
  },
});

export const STATUSES: Words = {
  processing: ['Đang giải quyết', 'Processing'],
  'awaiting-supplement': ['Chờ bổ sung', 'Awaiting a supplement'],
  approved: ['Đã phê duyệt', 'Approved'],
  rejected: ['Từ chối', 'Rejected'],
  withdrawn: ['Đã rút', 'Withdrawn'],
  disbursing: ['Đang giải ngân', 'Disbursing'],
  disbursed: ['Đã giải ngân', 'Disbursed'],
};

export const RESULTS: Record<StepResult, [string, string]> = {
  early: ['Trước hạn', 'Early'],
  'on-time': ['Đúng hạn', 'On time'],
  late: ['Trễ hạn', 'Late'],
  running: ['Đang xử lý', 'In progress'],
  withdrawn: ['Dừng (rút hồ sơ)', 'Stopped (withdrawn)'],
};

export const EVENTS: Words = {
  submitted: ['Tiếp nhận hồ sơ', 'Received'],
  action: ['Xử lý', 'Action'],
  apology: ['Thư xin lỗi', 'Apology letter'],
  'result-returned': ['Trả kết quả', 'Result returned'],
  'deadline-extended': ['Gia hạn', 'Deadline extended'],
};

/** The word for a key in the reader's language; the key itself when none is known. */
export const word = (map: Record<string, [string, string]>, key: string | null | undefined, t: T): string => {
  if (!key) return '—';
  const words = map[key];
  return words ? t(words[0], words[1]) : key;
};

const two = (n: number) => String(n).padStart(2, '0');

/** "12/05/2020 09:30", in Vietnam time. */
export function shortDateTime(at: Date | string | null): string {
  if (at === null) return '—';
  const d = new Date(new Date(at).getTime() + 7 * 3_600_000);
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

/** "12/05/2020". */
export const shortDate = (at: Date | string | null): string => (at === null ? '—' : shortDateTime(at).slice(0, 10));

/** 1 234,5 → "1.234,5" as Vietnamese writes numbers. */
export function vnNumber(n: number, digits = 0): string {
  const [int, frac] = n.toFixed(digits).split('.');
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, '.') + (frac ? `,${frac}` : '');
}

/**
 * Office time as an official reads it: under an hour in minutes, under a working day in hours
 * (one decimal), else in working days (one decimal), so a one-minute step never reads as days.
 */
export function workingTime(ms: number, workingDayMs: number, t: T): string {
  const hour = 3_600_000;
  if (ms < hour) return `${num(Math.round(ms / 60_000), t)} ${t('phút làm việc', 'working minutes')}`;
  if (ms < workingDayMs) return `${num(ms / hour, t, 1)} ${t('giờ làm việc', 'working hours')}`;
  return `${num(ms / workingDayMs, t, 1)} ${t('ngày làm việc', 'working days')}`;
}

/** A number as the reader's language writes it: 1.234,5 in Vietnamese, 1,234.5 in English. */
export function num(n: number, t: T, digits = 0): string {
  const vi = vnNumber(n, digits);
  return t(vi, vi.replace(/[.,]/g, (c) => (c === '.' ? ',' : '.')));
}
