import { LOAN_LAW, loanViolation, paidAtDisbursal, signedLoan, withPayment } from './loan';

const signed = { loan: { amount: 9_000_000, paid: 3_000_000 } };
const lent = [1, 3];
const code = (e: Parameters<typeof loanViolation>[1], context: Parameters<typeof loanViolation>[0] = {}, workers: number[] | null = lent) =>
  loanViolation(context, e, workers)?.code ?? null;
const disburse = (data: Record<string, unknown>) => ({ type: 'disburse' as const, data: { contractNumber: 'HD-1', amount: 9_000_000, ...data } });
const pay = (data: Record<string, unknown>) => ({ type: 'record-payment' as const, data });

describe('the loan as the law fixes it (Decision 15/2020/QĐ-TTg ch. VII; Decision 23/2021/QĐ-TTg art. 38–42)', () => {
  it('fixes 0 % interest, 12 %/year overdue interest, no collateral and a term of at most 12 months', () => {
    expect(LOAN_LAW).toEqual({ maxTermMonths: 12, interestRate: 0, overdueInterestRate: 0.12, collateral: false });
    expect(code(disburse({ termMonths: 12 }))).toBeNull();
    expect(code(disburse({ termMonths: 1 }))).toBeNull();
    expect(loanViolation({}, disburse({ termMonths: 13 }), lent)).toMatchObject({ code: 'DOSSIER_LOAN_TERM_ABOVE_LIMIT', status: 422 });
    for (const termMonths of [0, -1, 2.5, '6', null]) {
      expect(loanViolation({}, disburse({ termMonths }), lent)).toMatchObject({ code: 'DOSSIER_LOAN_DATA_INVALID', status: 400, field: 'data.termMonths' });
    }
  });

  it('signs the loan with the terms, the workers lent for and the payments known then; without payments, the whole amount at once', () => {
    const at = new Date('2021-08-10T03:00:00Z');
    const loan = signedLoan({ contractNumber: ' HD-2021-07 ', amount: 9_000_000, termMonths: 6, payments: [{ month: '2021-08', amount: 3_000_000 }] }, lent, at, '2021-08');
    expect(loan).toEqual({
      contractNumber: 'HD-2021-07', amount: 9_000_000, termMonths: 6, interestRate: 0, overdueInterestRate: 0.12, collateral: false,
      signedAt: '2021-08-10T03:00:00.000Z', workers: [1, 3], payments: [{ month: '2021-08', amount: 3_000_000, workers: [1, 3] }], paid: 3_000_000,
    });
    const older = signedLoan({ contractNumber: 'HD-1', amount: 9_000_000 }, lent, at, '2021-08');
    expect(older).toMatchObject({ termMonths: 12, payments: [{ month: '2021-08', amount: 9_000_000, workers: [1, 3] }], paid: 9_000_000 });
    expect(withPayment(loan, { month: '2021-09', amount: 2_000_000, workers: [3] })).toMatchObject({ paid: 5_000_000, payments: [{ month: '2021-08' }, { month: '2021-09', workers: [3] }] });
    expect([paidAtDisbursal({ amount: 5 }), paidAtDisbursal({ amount: 5, payments: [] }), paidAtDisbursal({ amount: 5, payments: [{ amount: 2 }, { amount: 1 }] })]).toEqual([5, 0, 3]);
  });

  it('refuses payments at disbursal beyond the loan, malformed, or to workers the loan is not for', () => {
    expect(code(disburse({ payments: [{ month: '2021-08', amount: 9_000_000, workers: [1, 3] }] }))).toBeNull();
    expect(code(disburse({ payments: [{ month: '2021-08', amount: 5_000_000 }, { month: '2021-09', amount: 4_000_001 }] }))).toBe('DOSSIER_PAYMENTS_ABOVE_LOAN');
    expect(code(disburse({ payments: [{ month: '2021-08', amount: 1, workers: [2] }] }))).toBe('DOSSIER_PAYMENT_WORKER_NOT_LENT');
    expect(loanViolation({}, disburse({ payments: [{ month: '2021-13', amount: 1 }] }), lent)).toMatchObject({ status: 400, field: 'data.payments[0].month' });
    // A month of this world: 1900-01 to 2100-12, as dates at intake.
    for (const month of ['1899-12', '2101-01', '0001-01', '9999-12', '2021-8']) {
      expect(loanViolation({}, disburse({ payments: [{ month, amount: 1 }] }), lent)).toMatchObject({ status: 400, field: 'data.payments[0].month' });
      expect(loanViolation(signed, pay({ month, amount: 1, workers: [1] }), lent)).toMatchObject({ status: 400, field: 'data.month' });
    }
    for (const month of ['1900-01', '2100-12']) expect(code(disburse({ payments: [{ month, amount: 1 }] }))).toBeNull();
    expect(loanViolation({}, disburse({ payments: [{ month: '2021-08', amount: 1, bank: 'x' }] }), lent)).toMatchObject({ status: 400, field: 'data.payments[0]' });
    expect(loanViolation({}, disburse({ payments: 'all' }), lent)).toMatchObject({ status: 400, field: 'data.payments' });
  });

  it('records a later payment only for the loan\'s workers, once each, and never beyond the loan', () => {
    expect(code(pay({ month: '2021-09', amount: 6_000_000, workers: [1, 3] }), signed)).toBeNull();
    expect(code(pay({ month: '2021-09', amount: 6_000_001, workers: [1] }), signed)).toBe('DOSSIER_PAYMENTS_ABOVE_LOAN');
    // Worker 2 was left out of the dossier, worker 9 was never in it.
    expect(loanViolation(signed, pay({ month: '2021-09', amount: 1, workers: [2, 9] }), lent)).toMatchObject({ code: 'DOSSIER_PAYMENT_WORKER_NOT_LENT', status: 422, message: expect.stringContaining('2, 9') });
    expect(loanViolation(signed, pay({ month: '2021-09', amount: 1 }), lent)).toMatchObject({ status: 400, field: 'data.workers' });
    expect(loanViolation(signed, pay({ month: '2021-09', amount: 1, workers: [1, 1] }), lent)).toMatchObject({ status: 400, field: 'data.workers' });
    expect(loanViolation(signed, pay({ month: '09/2021', amount: 1, workers: [1] }), lent)).toMatchObject({ status: 400, field: 'data.month' });
    expect(loanViolation(signed, pay({ month: '2021-09', amount: 0, workers: [1] }), lent)).toMatchObject({ status: 400, field: 'data.amount' });
    expect(loanViolation(signed, pay({ month: '2021-09', amount: 1, workers: [1], contractNumber: 'x' }), lent)).toMatchObject({ status: 400, field: 'data' });
  });
});
