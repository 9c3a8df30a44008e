// Pure: the console's Vietnamese words for the service's keys (steps, actions, statuses, results).
import type { StepResult } from '../../documents/forms/form-05';
import { STEP_NAMES } from '../../reports/processing-report';

/** `receipt` is the alert on the receiving unit's 8 working hours to accept or ask for a supplement. */
export const STEPS: Record<string, string> = { submission: 'Nộp hồ sơ', receipt: 'Tiếp nhận hồ sơ (8 giờ làm việc)', ...STEP_NAMES };

export const ACTIONS: Record<string, string> = {
  confirm: 'Xác nhận',
  appraise: 'Thẩm định, trình phê duyệt',
  approve: 'Phê duyệt',
  disburse: 'Giải ngân',
  reject: 'Từ chối giải quyết',
  'request-supplement': 'Yêu cầu bổ sung hồ sơ',
  supplement: 'Bổ sung hồ sơ',
  withdraw: 'Rút hồ sơ',
  submit: 'Nộp hồ sơ',
};

export const STATUSES: Record<string, string> = {
  processing: 'Đang giải quyết',
  'awaiting-supplement': 'Chờ bổ sung',
  approved: 'Đã phê duyệt',
  rejected: 'Từ chối',
  withdrawn: 'Đã rút',
  disbursed: 'Đã giải ngân',
};

export const RESULTS: Record<StepResult, string> = {
  early: 'Trước hạn',
  'on-time': 'Đúng hạn',
  late: 'Trễ hạn',
  running: 'Đang xử lý',
  withdrawn: 'Dừng (rút hồ sơ)',
};

export const EVENTS: Record<string, string> = {
  submitted: 'Tiếp nhận hồ sơ',
  action: 'Xử lý',
  apology: 'Thư xin lỗi',
  'result-returned': 'Trả kết quả',
  'deadline-extended': 'Gia hạn',
};

export const word = (map: Record<string, string>, key: string | null | undefined): string => (key ? (map[key] ?? key) : '—');

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
