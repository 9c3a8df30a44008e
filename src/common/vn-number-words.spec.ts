import { numberInWords, vndInWords } from './vn-number-words';

describe('numberInWords', () => {
  it.each([
    [0, 'không'],
    [5, 'năm'],
    [10, 'mười'],
    [11, 'mười một'],
    [15, 'mười lăm'],
    [21, 'hai mươi mốt'],
    [25, 'hai mươi lăm'],
    [105, 'một trăm linh năm'],
    [110, 'một trăm mười'],
    [1_001, 'một nghìn không trăm linh một'],
    [1_800_000, 'một triệu tám trăm nghìn'],
    [3_710_000, 'ba triệu bảy trăm mười nghìn'],
    [5_400_000, 'năm triệu bốn trăm nghìn'],
    [120_000_000, 'một trăm hai mươi triệu'],
    [1_000_000_000, 'một tỷ'],
    // A group of zeros is not read; the one after it reads its zero hundreds only when it has other digits.
    [2_005_000_300, 'hai tỷ không trăm linh năm triệu ba trăm'],
    [7_000_050, 'bảy triệu không trăm năm mươi'],
    [1_000_000_000_000, 'một nghìn tỷ'],
  ])('%d is "%s"', (n, words) => {
    expect(numberInWords(n)).toBe(words);
  });

  it('writes a total as the decision does', () => {
    expect(vndInWords(120_000_000)).toBe('Một trăm hai mươi triệu đồng');
  });

  it('refuses what is no amount', () => {
    for (const n of [-1, 1.5, Number.NaN, 2 ** 60]) expect(() => numberInWords(n)).toThrow(RangeError);
  });
});
