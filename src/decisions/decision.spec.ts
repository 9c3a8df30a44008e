import { approvedWorkers, decisionGrounds, documentIdOf, documentNumber, noticeSeries, totals } from './decision';

describe('the decision\'s content', () => {
  it('lists the workers left by n with their support, or for a loan the most lent for them', () => {
    const names = [{ fullName: 'Nguyễn Thị Ánh' }, { fullName: 'Võ Thị Lan' }, { fullName: 'Trần Văn Bình' }];
    expect(approvedWorkers([{ n: 1, supportAmount: 5_400_000, loanCap: null }, { n: 3, supportAmount: null, loanCap: 4_420_000 }], names)).toEqual([
      { n: 1, fullName: 'Nguyễn Thị Ánh', amount: 5_400_000 },
      { n: 3, fullName: 'Trần Văn Bình', amount: 4_420_000 },
    ]);
  });

  it('totals the amounts in figures and in Vietnamese words', () => {
    expect(totals([{ n: 1, fullName: 'A', amount: 5_400_000 }, { n: 2, fullName: 'B', amount: 1_855_000 }])).toEqual({
      total: 7_255_000,
      totalInWords: 'Bảy triệu hai trăm năm mươi lăm nghìn đồng',
    });
    expect(totals([])).toEqual({ total: 0, totalInWords: 'Không đồng' });
  });

  it('numbers a decision and a notice in their issuer\'s series, and names their documents by the event', () => {
    expect(documentNumber(12, 'QĐ-UBND')).toBe('12/QĐ-UBND');
    expect(documentNumber(3, noticeSeries('district-pc'))).toBe('3/TB-UBND');
    expect(noticeSeries('social-policy-bank')).toBe('TB-NHCS');
    expect(noticeSeries('social-insurance')).toBe('TB-BHXH');
    expect(documentIdOf('decision', 7)).toBe('decision-7');
  });

  it('rests on the programme\'s resolution and decision, or on the version\'s own legal basis', () => {
    expect(decisionGrounds('Quyết định 23/2021/QĐ-TTg').join(' ')).toMatch(/Nghị quyết số 68\/NQ-CP.*Quyết định số 23\/2021\/QĐ-TTg/);
    expect(decisionGrounds('Quyết định 15/2020/QĐ-TTg').join(' ')).toMatch(/Nghị quyết số 42\/NQ-CP.*Quyết định số 15\/2020\/QĐ-TTg/);
    expect(decisionGrounds('Nghị quyết 99/NQ-HĐND').at(-1)).toBe('Căn cứ Nghị quyết 99/NQ-HĐND;');
  });
});
