// Pure: what the law fixes about a dossier's workers, computed from the version's rules: who is inside
// the programme's period, for how long, and the amounts. Pure. A finding is `ok` or `check` (a
// person must look); a `blocking` one is a categorical exclusion by the law (e.g. a period outside
// the programme): such a dossier cannot be approved or paid, only rejected or corrected.
import { dayNumber, isoDate } from '../calendar/core/iso-day';
import type { DateRange, EligibilityRules, Worker } from './types';

export type FindingStatus = 'ok' | 'check';

export interface Finding {
  rule: EligibilityRule;
  status: FindingStatus;
  blocking: boolean;
  reason: string;
  reasonVi: string;
}

export type EligibilityRule =
  | 'PERIOD_OUTSIDE_PROGRAMME'
  | 'START_OUTSIDE_PROGRAMME'
  | 'LEAVE_TOO_SHORT'
  | 'STOPPAGE_TOO_SHORT'
  | 'EXTRA_SUPPORT_PROOF'
  | 'COUNTED_INSIDE_PROGRAMME'
  | 'AMOUNT_DIFFERS'
  | 'REGION_UNKNOWN'
  | 'LOAN_ABOVE_CAP'
  | 'LOAN_MONTHS_ABOVE_LIMIT'
  | 'SUPPORT_TOTAL_DIFFERS';

export interface WorkerFindings {
  /** The worker's 0-based position in the submitted list. */
  index: number;
  /** The same position 1-based, as the view numbers workers and exclusions name them. */
  n: number;
  status: FindingStatus;
  blocking: boolean;
  /** Days and whole months of leave or stoppage inside the programme's period. */
  days: number;
  months: number;
  /** Unpaid leave: the support the law gives this worker (VND). */
  supportAmount: number | null;
  /** Wage loan: the most the bank may lend for this worker (VND). */
  loanCap: number | null;
  findings: Finding[];
}

export interface EligibilityFindings {
  status: FindingStatus;
  blocking: boolean;
  /** Dossier-level findings (totals, the loan); the workers' are under `workers`. */
  findings: Finding[];
  workers: WorkerFindings[];
  totals: {
    workers: number;
    eligibleWorkers: number;
    blockedWorkers: number;
    /** Unpaid leave: the sum of the workers' support. */
    supportAmount: number | null;
    /** Wage loan: the most the bank may lend for the dossier, and what was asked. */
    loanCap: number | null;
    loanRequested: number | null;
  };
}

export interface EligibilityInput {
  workers: readonly Pick<Worker, 'from' | 'to' | 'amount' | 'wage' | 'pregnant' | 'childrenUnderSix'>[];
  loan?: { amount: number; months: number } | null;
  /** The minimum-wage region of the employer's district (1–4), null when unknown. */
  wageRegion: 1 | 2 | 3 | 4 | null;
}

// Days are YYYY-MM-DD strings, which compare in calendar order.
const daysInclusive = (from: string, to: string) => dayNumber(to) - dayNumber(from) + 1;
const addDays = (day: string, n: number) => isoDate(dayNumber(day) + n);

const isLeap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** Days in month `m0` (0–11) of year `y`. */
const monthDays = (y: number, m0: number) => (m0 === 1 && isLeap(y) ? 29 : DAYS_IN_MONTH[m0]);
const parts = (day: string) => [Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))] as const;
/** A sortable number for a (year, month 0–11, day), without building a Date. */
const key = (y: number, m0: number, d: number) => y * 10_000 + m0 * 100 + d;

/** The same day `n` months later, clamped to the month's end (31 Jan + 1 month = 29 Feb 2020), as key(). */
function addMonthsKey(y: number, m0: number, d: number, n: number): number {
  const month = m0 + n;
  const year = y + Math.floor(month / 12);
  const m = ((month % 12) + 12) % 12;
  return key(year, m, Math.min(d, monthDays(year, m)));
}

function addMonths(day: string, n: number): string {
  const k = addMonthsKey(...parts(day), n);
  const m = Math.floor(k / 100) % 100;
  return `${String(Math.floor(k / 10_000)).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}-${String(k % 100).padStart(2, '0')}`;
}

/**
 * Whole months from `from` to `to` inclusive: 15 Apr – 14 May is one month. n months fit when
 * `from` + n months is at most the day after `to`; the months between the two dates is an upper
 * estimate, so at most two steps down find it (a worker's period is checked for every worker).
 */
export function wholeMonths(from: string, to: string): number {
  const [fy, fm, fd] = parts(from);
  const [ty, tm, td] = parts(to);
  const after = td < monthDays(ty, tm) ? key(ty, tm, td + 1) : tm === 11 ? key(ty + 1, 0, 1) : key(ty, tm + 1, 1);
  let n = (ty - fy) * 12 + (tm - fm) + 1;
  while (n > 0 && addMonthsKey(fy, fm, fd, n) > after) n--;
  return Math.max(n, 0);
}

const vnDay = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
const vnd = (amount: number) => `${amount.toLocaleString('en-US')} VND`;
const range = (r: DateRange) => `${r.from} – ${r.until}`;
const rangeVi = (r: DateRange) => `${vnDay(r.from)} – ${vnDay(r.until)}`;

function finding(rule: EligibilityRule, status: FindingStatus, blocking: boolean, reason: string, reasonVi: string): Finding {
  return { rule, status, blocking, reason, reasonVi };
}

/** The part of the worker's period inside the programme's, or the blocking finding that there is none. */
function inside(period: DateRange, startWindow: DateRange | null, w: { from: string; to: string }): { from: string; to: string } | Finding {
  if (w.to < period.from || w.from > period.until) {
    return finding(
      'PERIOD_OUTSIDE_PROGRAMME', 'check', true,
      `${w.from} – ${w.to} lies outside the programme's period ${range(period)}`,
      `Thời gian ${vnDay(w.from)} – ${vnDay(w.to)} nằm ngoài thời gian của chính sách (${rangeVi(period)})`,
    );
  }
  if (startWindow && (w.from < startWindow.from || w.from > startWindow.until)) {
    return finding(
      'START_OUTSIDE_PROGRAMME', 'check', true,
      `starts on ${w.from}; the law requires a start within ${range(startWindow)}`,
      `Bắt đầu ngày ${vnDay(w.from)}; chính sách yêu cầu thời điểm bắt đầu trong khoảng ${rangeVi(startWindow)}`,
    );
  }
  return { from: w.from < period.from ? period.from : w.from, to: w.to > period.until ? period.until : w.to };
}

function countedNote(period: DateRange, w: { from: string; to: string }, counted: { from: string; to: string }): Finding[] {
  if (counted.from === w.from && counted.to === w.to) return [];
  return [
    finding(
      'COUNTED_INSIDE_PROGRAMME', 'ok', false,
      `only ${counted.from} – ${counted.to} counts (the programme's period is ${range(period)})`,
      `Chỉ tính ${vnDay(counted.from)} – ${vnDay(counted.to)} (thời gian của chính sách: ${rangeVi(period)})`,
    ),
  ];
}

function amountCheck(claimed: number | undefined, lawful: number): Finding[] {
  if (claimed === undefined || claimed === lawful) return [];
  return [
    finding(
      'AMOUNT_DIFFERS', 'check', false,
      `the list asks ${vnd(claimed)}; the law gives ${vnd(lawful)}`,
      `Danh sách đề nghị ${vnd(claimed)}; mức theo quy định là ${vnd(lawful)}`,
    ),
  ];
}

function worker(index: number, findings: Finding[], extra: Partial<WorkerFindings>): WorkerFindings {
  const blocking = findings.some((f) => f.blocking);
  return {
    index,
    n: index + 1,
    status: findings.some((f) => f.status === 'check') ? 'check' : 'ok',
    blocking,
    days: 0,
    months: 0,
    supportAmount: null,
    loanCap: null,
    findings,
    ...extra,
  };
}

function unpaidLeaveWorker(rules: Extract<EligibilityRules, { kind: `unpaid-leave-${string}` }>, w: EligibilityInput['workers'][number], i: number): WorkerFindings {
  const counted = inside(rules.period, rules.startWindow, w);
  if ('rule' in counted) return worker(i, [counted], { supportAmount: 0 });
  const days = daysInclusive(counted.from, counted.to);
  const months = wholeMonths(counted.from, counted.to);
  const notes = countedNote(rules.period, w, counted);
  const tooShort = (min: string, minVi: string) =>
    worker(i, [...notes, finding('LEAVE_TOO_SHORT', 'check', true, `${days} days inside the programme; the law requires at least ${min}`, `${days} ngày trong thời gian của chính sách; quy định tối thiểu ${minVi}`)], {
      days, months, supportAmount: 0,
    });
  if (rules.kind === 'unpaid-leave-monthly') {
    if (months < rules.minMonths) return tooShort(`${rules.minMonths} consecutive month(s)`, `${rules.minMonths} tháng liên tục`);
    const amount = Math.min(months, rules.maxMonths) * rules.monthlyAmount;
    return worker(i, [...notes, ...amountCheck(w.amount, amount)], { days, months, supportAmount: amount });
  }
  if (days < rules.minDays) return tooShort(`${rules.minDays} consecutive days`, `${rules.minDays} ngày liên tục`);
  const extra = extraSupport(rules.extraSupport, w);
  const amount = (months >= 1 ? rules.fullAmount : rules.partialAmount) + extra.amount;
  return worker(i, [...notes, ...extra.findings, ...amountCheck(w.amount, amount)], { days, months, supportAmount: amount });
}

/**
 * Decision 23/2021/QĐ-TTg art. 14 cl. 2: a pregnant worker gets 1,000,000 VND more, and a worker
 * raising children under 6 1,000,000 VND more per child (one parent only); art. 15 asks the dossier
 * for the proof (a copy of the papers showing the pregnancy; the child's birth certificate or
 * birth notice), which a person checks: a `check` finding naming it.
 */
function extraSupport(rates: Extract<EligibilityRules, { kind: 'unpaid-leave-one-off' }>['extraSupport'], w: EligibilityInput['workers'][number]): { amount: number; findings: Finding[] } {
  const children = w.childrenUnderSix ?? 0;
  if (!rates || (!w.pregnant && children === 0)) return { amount: 0, findings: [] };
  const amount = (w.pregnant ? rates.pregnant : 0) + children * rates.perChildUnderSix;
  const proof = [
    ...(w.pregnant ? [['a copy of the papers showing the pregnancy', 'bản sao giấy tờ chứng minh việc mang thai']] : []),
    ...(children > 0 ? [[`the birth certificate or birth notice of each of the ${children} child(ren) under 6`, `bản sao giấy khai sinh hoặc giấy chứng sinh của ${children} trẻ em chưa đủ 06 tuổi`]] : []),
  ];
  return {
    amount,
    findings: [
      finding(
        'EXTRA_SUPPORT_PROOF', 'check', false,
        `${vnd(amount)} more (art. 14 cl. 2); the dossier must carry ${proof.map((p) => p[0]).join(' and ')}`,
        `Hỗ trợ thêm ${vnd(amount)} (khoản 2 Điều 14); hồ sơ phải có ${proof.map((p) => p[1]).join(' và ')}`,
      ),
    ],
  };
}

function wageLoanWorker(
  rules: Extract<EligibilityRules, { kind: 'wage-loan' }>,
  w: EligibilityInput['workers'][number],
  i: number,
  monthlyCap: number,
  loanMonths: number,
): WorkerFindings {
  const counted = inside(rules.period, null, w);
  if ('rule' in counted) return worker(i, [counted], { loanCap: 0 });
  const days = daysInclusive(counted.from, counted.to);
  if (rules.minDays !== undefined && days < rules.minDays) {
    const short = finding(
      'STOPPAGE_TOO_SHORT', 'check', true,
      `${days} days of stoppage inside the programme; the law requires at least ${rules.minDays} consecutive days`,
      `${days} ngày ngừng việc trong thời gian của chính sách; quy định tối thiểu ${rules.minDays} ngày liên tục`,
    );
    return worker(i, [...countedNote(rules.period, w, counted), short], { days, loanCap: 0 });
  }
  const whole = wholeMonths(counted.from, counted.to);
  // Wages are paid by the month: a month begun counts.
  const months = whole + (addDays(addMonths(counted.from, whole), -1) < counted.to ? 1 : 0);
  const perMonth = w.wage === undefined ? monthlyCap : Math.min(w.wage, monthlyCap);
  const cap = perMonth * Math.min(months, rules.maxMonths, loanMonths);
  return worker(i, countedNote(rules.period, w, counted), { days, months, loanCap: cap });
}

/** The findings for a dossier's content under a version's rules (none when the version names no rule kind). */
export function eligibilityFindings(rules: EligibilityRules | null, input: EligibilityInput): EligibilityFindings {
  if (rules === null) {
    const workers = input.workers.map((_, i) => worker(i, [], {}));
    const totals = { workers: workers.length, eligibleWorkers: workers.length, blockedWorkers: 0, supportAmount: null, loanCap: null, loanRequested: null };
    return { status: 'ok', blocking: false, findings: [], workers, totals };
  }
  const findings: Finding[] = [];
  let workers: WorkerFindings[];
  let supportAmount: number | null = null;
  let loanCap: number | null = null;
  if (rules.kind === 'wage-loan') {
    const region = input.wageRegion;
    if (region === null) {
      findings.push(
        finding(
          'REGION_UNKNOWN', 'check', false,
          'the minimum-wage region of the employer\'s district is not in the reference list; the cap uses region I, the highest',
          'Không xác định được vùng lương tối thiểu của địa bàn; mức trần tính theo vùng I (cao nhất)',
        ),
      );
    }
    const monthlyCap = Math.floor(rules.minimumWages[region ?? 1] * rules.shareOfMinimumWage);
    const loanMonths = input.loan?.months ?? rules.maxMonths;
    if (input.loan && input.loan.months > rules.maxMonths) {
      findings.push(
        finding('LOAN_MONTHS_ABOVE_LIMIT', 'check', true, `the loan covers ${input.loan.months} months; the law allows ${rules.maxMonths}`, `Thời gian vay ${input.loan.months} tháng; quy định tối đa ${rules.maxMonths} tháng`),
      );
    }
    workers = input.workers.map((w, i) => wageLoanWorker(rules, w, i, monthlyCap, loanMonths));
    loanCap = workers.reduce((sum, w) => sum + (w.loanCap ?? 0), 0);
    if (input.loan && input.loan.amount > loanCap) {
      findings.push(
        finding(
          'LOAN_ABOVE_CAP', 'check', false,
          `the loan asked, ${vnd(input.loan.amount)}, is above the most the law allows for these workers, ${vnd(loanCap)}`,
          `Số tiền đề nghị vay ${vnd(input.loan.amount)} vượt mức tối đa theo quy định ${vnd(loanCap)}`,
        ),
      );
    }
  } else {
    workers = input.workers.map((w, i) => unpaidLeaveWorker(rules, w, i));
    supportAmount = workers.reduce((sum, w) => sum + (w.supportAmount ?? 0), 0);
    const claimed = input.workers.every((w) => w.amount !== undefined) ? input.workers.reduce((sum, w) => sum + (w.amount ?? 0), 0) : null;
    if (claimed !== null && claimed !== supportAmount) {
      findings.push(
        finding('SUPPORT_TOTAL_DIFFERS', 'check', false, `the list totals ${vnd(claimed)}; the law gives ${vnd(supportAmount)}`, `Tổng danh sách ${vnd(claimed)}; tổng theo quy định ${vnd(supportAmount)}`),
      );
    }
  }
  const all = [...findings, ...workers.flatMap((w) => w.findings)];
  const blockedWorkers = workers.filter((w) => w.blocking).length;
  return {
    status: all.some((f) => f.status === 'check') ? 'check' : 'ok',
    blocking: all.some((f) => f.blocking),
    findings,
    workers,
    totals: {
      workers: workers.length,
      eligibleWorkers: workers.length - blockedWorkers,
      blockedWorkers,
      supportAmount,
      loanCap,
      loanRequested: rules.kind === 'wage-loan' ? (input.loan?.amount ?? null) : null,
    },
  };
}

/** What a dossier row keeps of its findings: everything but the per-worker list, of which only the workers needing a look (at most 50). */
export interface EligibilitySummary extends Omit<EligibilityFindings, 'workers'> {
  workersToCheck: WorkerFindings[];
  /** Workers needing a look beyond those listed. */
  moreWorkersToCheck: number;
}

const SUMMARY_WORKERS = 50;

export function summarize(findings: EligibilityFindings): EligibilitySummary {
  const { workers, ...rest } = findings;
  const toCheck = workers.filter((w) => w.status === 'check');
  return { ...rest, workersToCheck: toCheck.slice(0, SUMMARY_WORKERS), moreWorkersToCheck: Math.max(0, toCheck.length - SUMMARY_WORKERS) };
}
