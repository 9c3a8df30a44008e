import fc from 'fast-check';
import { eligibilityFindings, wholeMonths } from './eligibility';
import { findProcedure } from './definitions';

const rulesOf = (code: string, version: number) => findProcedure(code, version)!.eligibility;
const unpaidV1 = rulesOf('unpaid-leave-support', 1);
const unpaidV2 = rulesOf('unpaid-leave-support', 2);
const loanV1 = rulesOf('wage-loan-support', 1);
const loanV2 = rulesOf('wage-loan-support', 2);

const one = (rules: ReturnType<typeof rulesOf>, w: { from: string; to: string; amount?: number; wage?: number; pregnant?: boolean; childrenUnderSix?: number }, region: 1 | 2 | 3 | 4 | null = 3) =>
  eligibilityFindings(rules, { workers: [w], loan: null, wageRegion: region }).workers[0];

describe('eligibility findings, unpaid leave version 1 (Decision 15/2020)', () => {
  it.each([
    // from, to, whole months inside April–June 2020, support (1,800,000 a month, at most 3)
    ['2020-04-01', '2020-06-30', 3, 5_400_000],
    ['2020-04-15', '2020-05-14', 1, 1_800_000],
    ['2020-04-15', '2020-06-13', 1, 1_800_000],
    ['2020-04-15', '2020-06-14', 2, 3_600_000],
    ['2020-06-01', '2020-06-30', 1, 1_800_000],
  ])('%s – %s: %i month(s), %i VND, ok', (from, to, months, amount) => {
    expect(one(unpaidV1, { from, to })).toMatchObject({ status: 'ok', blocking: false, months, supportAmount: amount, findings: [] });
  });

  it('counts only the part inside the programme and says so, without blocking', () => {
    const w = one(unpaidV1, { from: '2020-05-01', to: '2020-09-30' });
    expect(w).toMatchObject({ status: 'ok', blocking: false, months: 2, supportAmount: 3_600_000 });
    expect(w.findings.map((f) => f.rule)).toEqual(['COUNTED_INSIDE_PROGRAMME']);
  });

  it.each([
    ['2020-07-01', '2020-09-30', 'PERIOD_OUTSIDE_PROGRAMME'],
    ['2019-12-01', '2020-03-31', 'PERIOD_OUTSIDE_PROGRAMME'],
    ['2020-03-15', '2020-05-31', 'START_OUTSIDE_PROGRAMME'],
    ['2020-06-02', '2020-06-30', 'START_OUTSIDE_PROGRAMME'],
    ['2020-04-15', '2020-05-13', 'LEAVE_TOO_SHORT'],
    ['2020-06-01', '2020-07-31', 'COUNTED_INSIDE_PROGRAMME'], // 1 month inside: fine
  ])('%s – %s: %s', (from, to, rule) => {
    const w = one(unpaidV1, { from, to });
    expect(w.findings.map((f) => f.rule)).toContain(rule);
    expect(w.blocking).toBe(rule !== 'COUNTED_INSIDE_PROGRAMME');
    if (w.blocking) expect(w).toMatchObject({ status: 'check', supportAmount: 0 });
  });

  it('flags an amount that differs from the law, and the dossier total', () => {
    const result = eligibilityFindings(unpaidV1, {
      workers: [{ from: '2020-04-01', to: '2020-06-30', amount: 5_400_000 }, { from: '2020-04-01', to: '2020-05-31', amount: 5_400_000 }],
      wageRegion: 3,
    });
    expect(result.workers[1].findings).toEqual([expect.objectContaining({ rule: 'AMOUNT_DIFFERS', status: 'check', blocking: false })]);
    expect(result.workers[1].findings[0].reasonVi).toBe('Danh sách đề nghị 5,400,000 VND; mức theo quy định là 3,600,000 VND');
    expect(result).toMatchObject({ status: 'check', blocking: false, totals: { supportAmount: 9_000_000, eligibleWorkers: 2 } });
    expect(result.findings.map((f) => f.rule)).toEqual(['SUPPORT_TOTAL_DIFFERS']);
  });

  it('makes the dossier blocking when any worker is outside the programme, and counts them', () => {
    const result = eligibilityFindings(unpaidV1, {
      workers: [{ from: '2020-04-01', to: '2020-06-30' }, { from: '2021-05-01', to: '2021-06-30' }],
      wageRegion: 3,
    });
    expect(result).toMatchObject({ status: 'check', blocking: true, totals: { workers: 2, eligibleWorkers: 1, blockedWorkers: 1, supportAmount: 5_400_000 } });
  });
});

describe('eligibility findings, unpaid leave version 2 (Decision 23/2021)', () => {
  it.each([
    ['2021-07-01', '2021-07-31', 3_710_000],
    ['2021-07-01', '2021-09-30', 3_710_000], // one-off, not per month
    ['2021-07-01', '2021-07-15', 1_855_000],
    ['2021-07-01', '2021-07-30', 1_855_000],
  ])('%s – %s: %i VND', (from, to, amount) => {
    expect(one(unpaidV2, { from, to })).toMatchObject({ status: 'ok', supportAmount: amount });
  });

  it('refuses fewer than 15 days and a 2020 period', () => {
    expect(one(unpaidV2, { from: '2021-07-01', to: '2021-07-14' }).findings[0]).toMatchObject({ rule: 'LEAVE_TOO_SHORT', blocking: true });
    expect(one(unpaidV2, { from: '2020-04-01', to: '2020-06-30' }).findings[0]).toMatchObject({ rule: 'PERIOD_OUTSIDE_PROGRAMME', blocking: true });
  });
});

describe('eligibility findings, wage loans', () => {
  it('caps version 1 at 50 % of the regional minimum wage per worker and month, at most 3 months', () => {
    // Region III (TP Quảng Ngãi): 3,430,000 / 2 = 1,715,000 a month.
    const result = eligibilityFindings(loanV1, {
      workers: [{ from: '2020-04-01', to: '2020-06-30' }, { from: '2020-04-15', to: '2020-05-31', wage: 1_000_000 }],
      loan: { amount: 11_760_000, months: 3 },
      wageRegion: 3,
    });
    expect(result.workers.map((w) => [w.months, w.loanCap])).toEqual([[3, 5_145_000], [2, 2_000_000]]);
    expect(result.totals).toMatchObject({ loanCap: 7_145_000, loanRequested: 11_760_000 });
    expect(result.findings).toEqual([expect.objectContaining({ rule: 'LOAN_ABOVE_CAP', status: 'check', blocking: false })]);
    expect(result.blocking).toBe(false);
  });

  it('limits each worker by the months the loan covers', () => {
    const result = eligibilityFindings(loanV1, { workers: [{ from: '2020-04-01', to: '2020-06-30' }], loan: { amount: 1_000_000, months: 1 }, wageRegion: 2 });
    expect(result).toMatchObject({ status: 'ok', blocking: false, totals: { loanCap: 1_960_000 } });
  });

  it('caps version 2 at the full regional minimum wage; an unknown region uses region I and asks for a check', () => {
    const known = eligibilityFindings(loanV2, { workers: [{ from: '2021-08-01', to: '2021-10-31' }], loan: { amount: 9_000_000, months: 3 }, wageRegion: 4 });
    expect(known).toMatchObject({ status: 'ok', totals: { loanCap: 9_210_000 } });
    const unknown = eligibilityFindings(loanV2, { workers: [{ from: '2021-08-01', to: '2021-08-31' }], loan: { amount: 1, months: 1 }, wageRegion: null });
    expect(unknown).toMatchObject({ status: 'check', blocking: false, totals: { loanCap: 4_420_000 } });
    expect(unknown.findings.map((f) => f.rule)).toEqual(['REGION_UNKNOWN']);
  });

  it('blocks a stoppage outside the programme', () => {
    const result = eligibilityFindings(loanV2, { workers: [{ from: '2020-04-01', to: '2020-06-30' }], loan: { amount: 1, months: 1 }, wageRegion: 3 });
    expect(result).toMatchObject({ blocking: true, totals: { loanCap: 0, blockedWorkers: 1 } });
  });
});

describe('wholeMonths', () => {
  /** The definition, day by day: the largest n with `from` + n months − 1 day ≤ `to`. */
  function byDefinition(from: string, to: string): number {
    const plus = (day: string, months: number) => {
      const [y, m, d] = day.split('-').map(Number);
      const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
      return new Date(Date.UTC(y, m - 1 + months, Math.min(d, last))).toISOString().slice(0, 10);
    };
    const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    let n = 0;
    while (dayBefore(plus(from, n + 1)) <= to) n++;
    return n;
  }
  const day = fc.date({ min: new Date('2019-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

  it('counts as the definition does, month ends, leap days and reversed periods included', () => {
    fc.assert(fc.property(day, day, (from, to) => wholeMonths(from, to) === byDefinition(from, to)), { numRuns: 5_000 });
    for (const [from, to] of [['2020-01-31', '2020-02-28'], ['2020-01-31', '2020-02-29'], ['2020-01-31', '2020-03-30'], ['2019-12-31', '2020-12-30'], ['2020-04-15', '2020-05-14'], ['2020-05-01', '2020-04-30'], ['2020-05-02', '2020-04-30']]) {
      expect([from, to, wholeMonths(from, to)]).toEqual([from, to, byDefinition(from, to)]);
    }
  });
});

describe('the 2021 rules that Decision 23/2021 adds', () => {
  it('gives a pregnant worker and one raising children under 6 1,000,000 VND more each (art. 14 cl. 2), naming the proof art. 15 asks for', () => {
    const base = { from: '2021-07-01', to: '2021-08-31' };
    expect(one(unpaidV2, base)).toMatchObject({ supportAmount: 3_710_000, findings: [] });
    const pregnant = one(unpaidV2, { ...base, pregnant: true });
    expect(pregnant).toMatchObject({ status: 'check', blocking: false, supportAmount: 4_710_000 });
    expect(pregnant.findings).toEqual([expect.objectContaining({ rule: 'EXTRA_SUPPORT_PROOF', reasonVi: expect.stringContaining('giấy tờ chứng minh việc mang thai') })]);
    const parent = one(unpaidV2, { from: '2021-07-01', to: '2021-07-20', childrenUnderSix: 2, pregnant: true });
    expect(parent.supportAmount).toBe(1_855_000 + 3_000_000);
    expect(parent.findings[0].reasonVi).toContain('giấy khai sinh hoặc giấy chứng sinh của 2 trẻ em chưa đủ 06 tuổi');
    // Nothing more when the leave itself is not supported, nor under the 2020 programme.
    expect(one(unpaidV2, { from: '2021-07-01', to: '2021-07-10', pregnant: true })).toMatchObject({ blocking: true, supportAmount: 0 });
    expect(one(unpaidV1, { from: '2020-04-01', to: '2020-05-31', pregnant: true, childrenUnderSix: 1 })).toMatchObject({ supportAmount: 3_600_000, findings: [] });
    const list = eligibilityFindings(unpaidV2, { workers: [base, { ...base, childrenUnderSix: 1 }], wageRegion: 3 });
    expect(list.totals.supportAmount).toBe(2 * 3_710_000 + 1_000_000);
    expect(list.workers.map((w) => [w.n, w.findings.map((f) => f.rule)])).toEqual([[1, []], [2, ['EXTRA_SUPPORT_PROOF']]]);
  });

  it('lends under wage-loan v2 only for a stoppage of at least 15 consecutive days inside its period, a blocking finding otherwise', () => {
    expect(one(loanV2, { from: '2021-08-01', to: '2021-08-15' })).toMatchObject({ blocking: false, days: 15, loanCap: 3_430_000 });
    const short = one(loanV2, { from: '2021-08-01', to: '2021-08-14' });
    expect(short).toMatchObject({ n: 1, status: 'check', blocking: true, days: 14, loanCap: 0 });
    expect(short.findings.map((f) => f.rule)).toEqual(['STOPPAGE_TOO_SHORT']);
    // Only the days inside the period count: 20 days from 20 Apr 2021 leave 10 in May.
    expect(one(loanV2, { from: '2021-04-22', to: '2021-05-10' }).findings.map((f) => f.rule)).toEqual(['COUNTED_INSIDE_PROGRAMME', 'STOPPAGE_TOO_SHORT']);
    // The 2020 loan has no such minimum.
    expect(one(loanV1, { from: '2020-04-01', to: '2020-04-05' })).toMatchObject({ blocking: false });
  });
});
