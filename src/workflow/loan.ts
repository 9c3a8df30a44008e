// Pure: the Social Policy Bank's loan to pay wages during a stoppage, as the law fixes it (Decision
// 15/2020/QĐ-TTg ch. VII; Decision 23/2021/QĐ-TTg art. 38–42): at most the findings' cap, a term of
// at most 12 months, 0 % interest, overdue interest of 12 % a year, no collateral, paid out month by
// month straight to the workers. `disburse` signs it with any payments known then; `record-payment`
// adds the later ones; the dossier is `disbursing` until the payments reach the loan's amount.
import type { ActionEvent, DossierContext } from './types';

/** What the law fixes about every such loan. */
export const LOAN_LAW = {
  maxTermMonths: 12,
  interestRate: 0,
  /** A year, on the amount overdue (12 %/year). */
  overdueInterestRate: 0.12,
  collateral: false,
} as const;

/** One monthly payment made directly to workers, named by n. */
export interface LoanPayment {
  month: string;
  amount: number;
  workers: number[];
}

/** The loan as the dossier keeps it and its view shows it. */
export interface Loan {
  contractNumber: string;
  amount: number;
  termMonths: number;
  interestRate: typeof LOAN_LAW.interestRate;
  overdueInterestRate: typeof LOAN_LAW.overdueInterestRate;
  collateral: typeof LOAN_LAW.collateral;
  signedAt: string;
  /** The workers the loan is for (by n): those the dossier still lists when the bank lends. */
  workers: number[];
  payments: LoanPayment[];
  /** The sum of the payments; the loan is paid out when it reaches `amount`. */
  paid: number;
}

/** What the machine keeps of a loan: enough to know when it is paid out. */
export interface LoanProgress {
  amount: number;
  paid: number;
}

export type LoanViolation =
  | { code: 'DOSSIER_LOAN_DATA_INVALID'; status: 400; field: 'data' | `data.${string}`; message: string }
  | { code: 'DOSSIER_LOAN_TERM_ABOVE_LIMIT' | 'DOSSIER_PAYMENTS_ABOVE_LOAN' | 'DOSSIER_PAYMENT_WORKER_NOT_LENT'; status: 422; field: null; message: string };

const invalid = (field: 'data' | `data.${string}`, message: string): LoanViolation => ({ code: 'DOSSIER_LOAN_DATA_INVALID', status: 400, field, message });
const refused = (code: 'DOSSIER_LOAN_TERM_ABOVE_LIMIT' | 'DOSSIER_PAYMENTS_ABOVE_LOAN' | 'DOSSIER_PAYMENT_WORKER_NOT_LENT', message: string): LoanViolation => ({
  code, status: 422, field: null, message,
});

const isPositiveInteger = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;
// A real month of a plausible year, as dates at intake are.
const MONTH = /^(19\d\d|20\d\d|2100)-(0[1-9]|1[0-2])$/;

/** The term the bank sets; without one, the longest the law allows (a loan made before the term was recorded). */
export function termOf(data: Record<string, unknown>): number {
  return typeof data.termMonths === 'number' ? data.termMonths : LOAN_LAW.maxTermMonths;
}

/**
 * The payments `disburse` records: those it lists, or, when it lists none (`payments` absent, the
 * older form of the call), the whole amount paid at once to every worker the loan is for.
 */
export function disbursalPayments(data: Record<string, unknown>, lent: readonly number[], month: string): LoanPayment[] {
  const amount = data.amount as number;
  if (data.payments === undefined) return [{ month, amount, workers: [...lent] }];
  return (data.payments as Record<string, unknown>[]).map((p) => ({
    month: p.month as string,
    amount: p.amount as number,
    workers: Array.isArray(p.workers) ? [...(p.workers as number[])] : [...lent],
  }));
}

/** What `disburse` leaves paid: the machine's guard and its context read it. */
export function paidAtDisbursal(data: Record<string, unknown> | null | undefined): number {
  if (!data || data.payments === undefined) return typeof data?.amount === 'number' ? data.amount : 0;
  return Array.isArray(data.payments) ? data.payments.reduce((sum: number, p) => sum + (typeof p?.amount === 'number' ? p.amount : 0), 0) : 0;
}

/** The loan `disburse` signs, with the payments known then. */
export function signedLoan(data: Record<string, unknown>, lent: readonly number[], signedAt: Date, month: string): Loan {
  const payments = disbursalPayments(data, lent, month);
  return {
    contractNumber: (data.contractNumber as string).trim(),
    amount: data.amount as number,
    termMonths: termOf(data),
    interestRate: LOAN_LAW.interestRate,
    overdueInterestRate: LOAN_LAW.overdueInterestRate,
    collateral: LOAN_LAW.collateral,
    signedAt: signedAt.toISOString(),
    workers: [...lent],
    payments,
    paid: payments.reduce((sum, p) => sum + p.amount, 0),
  };
}

/** The loan after a later payment. */
export function withPayment(loan: Loan, data: Record<string, unknown>): Loan {
  const payment: LoanPayment = { month: data.month as string, amount: data.amount as number, workers: [...(data.workers as number[])] };
  return { ...loan, payments: [...loan.payments, payment], paid: loan.paid + payment.amount };
}

/** One payment's shape and workers; `workersRequired` for record-payment, where the payment names them. */
function paymentProblem(p: unknown, at: string, lent: ReadonlySet<number> | null, workersRequired: boolean): LoanViolation | null {
  if (typeof p !== 'object' || p === null || Array.isArray(p)) return invalid(at === '' ? 'data' : `data.${at}`, `${at} must be { month: "YYYY-MM", amount, workers: [n] }`);
  const { month, amount, workers, ...extra } = p as Record<string, unknown>;
  const prefix = at === '' ? 'data.' : `data.${at}.`;
  if (Object.keys(extra).length) return invalid(at === '' ? 'data' : `data.${at}`, `${at || 'data'} has unknown fields: ${Object.keys(extra).join(', ')}`);
  if (typeof month !== 'string' || !MONTH.test(month)) return invalid(`${prefix}month` as `data.${string}`, `${prefix}month must be a month YYYY-MM`);
  if (!isPositiveInteger(amount)) return invalid(`${prefix}amount` as `data.${string}`, `${prefix}amount must be a positive integer (VND)`);
  if (workers === undefined && !workersRequired) return null;
  if (!Array.isArray(workers) || workers.length === 0 || !workers.every(isPositiveInteger)) {
    return invalid(`${prefix}workers` as `data.${string}`, `${prefix}workers must list the workers paid, by their number n`);
  }
  if (new Set(workers).size !== workers.length) return invalid(`${prefix}workers` as `data.${string}`, `${prefix}workers names a worker twice`);
  const notLent = lent ? workers.filter((n) => !lent.has(n)) : [];
  if (notLent.length) {
    return refused('DOSSIER_PAYMENT_WORKER_NOT_LENT', `${prefix}workers names ${notLent.join(', ')}: not a worker this loan is for (unknown, or left out of the dossier)`);
  }
  return null;
}

const exceeds = (paid: number, amount: number) =>
  refused('DOSSIER_PAYMENTS_ABOVE_LOAN', `the payments would total ${paid} VND, above the loan's ${amount} VND`);

/**
 * The loan's rules for `disburse` and `record-payment`: 400 for a malformed field (naming it), 422
 * for a term above the law's or payments beyond the loan or to workers it is not for. `lent`: the
 * workers the loan is (or would be) for, by n; null when the dossier lists none.
 */
export function loanViolation(context: Pick<DossierContext, 'loan'>, event: ActionEvent, lent: readonly number[] | null): LoanViolation | null {
  const data = event.data ?? {};
  const lentSet = lent ? new Set(lent) : null;
  if (event.type === 'disburse') {
    const term = data.termMonths;
    if (term !== undefined && (typeof term !== 'number' || !Number.isInteger(term) || term < 1)) {
      return invalid('data.termMonths', 'data.termMonths must be a whole number of months, at least 1');
    }
    if (typeof term === 'number' && term > LOAN_LAW.maxTermMonths) {
      return refused('DOSSIER_LOAN_TERM_ABOVE_LIMIT', `a term of ${term} months is above the ${LOAN_LAW.maxTermMonths} the law allows (Decision 15/2020/QĐ-TTg ch. VII; Decision 23/2021/QĐ-TTg art. 38–42)`);
    }
    if (data.payments === undefined) return null;
    if (!Array.isArray(data.payments) || data.payments.length > 120) return invalid('data.payments', 'data.payments must be a list of { month: "YYYY-MM", amount, workers?: [n] }');
    for (const [i, p] of data.payments.entries()) {
      const problem = paymentProblem(p, `payments[${i}]`, lentSet, false);
      if (problem) return problem;
    }
    const paid = paidAtDisbursal(data);
    if (typeof data.amount === 'number' && paid > data.amount) return exceeds(paid, data.amount);
    return null;
  }
  if (event.type === 'record-payment') {
    const problem = paymentProblem(data, '', lentSet, true);
    if (problem) return problem;
    const progress = context.loan ?? { amount: 0, paid: 0 };
    const paid = progress.paid + (data.amount as number);
    if (paid > progress.amount) return exceeds(paid, progress.amount);
  }
  return null;
}
