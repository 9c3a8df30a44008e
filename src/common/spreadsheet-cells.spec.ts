import { isIdNumber, isPhone, normalisePhone } from '../common/vn-identifiers';
import { droppedZeroHint, yesNoCell } from './spreadsheet-cells';

describe('cells as spreadsheets leave them', () => {
  it('normalises phones written with spaces, dots, dashes or the country code', () => {
    for (const raw of ['0914 993 344', '0914.993.344', '0914-993-344', '+84 914 993 344', '84914993344', '(+84) 914.993.344', '+84914993344']) {
      expect(normalisePhone(raw)).toBe('0914993344');
    }
    expect(normalisePhone('0255 3822 123')).toBe('02553822123');
    expect(normalisePhone('12345')).toBe('12345');
    expect(isPhone(normalisePhone('0914 99 33'))).toBe(false);
  });

  it('hints at a leading zero Excel dropped only when putting it back makes the value valid', () => {
    expect(droppedZeroHint('id_number', '51189008822', 12, isIdNumber)).toBe(
      'id_number 51189008822 has 11 digits: the leading zero was probably dropped by Excel (did you mean 051189008822? format the column as Text)',
    );
    expect(droppedZeroHint('id_number', '99189008822', 12, isIdNumber)).toBeNull(); // 099: no such province
    expect(droppedZeroHint('id_number', '051189008822', 12, isIdNumber)).toBeNull();
    expect(droppedZeroHint('phone', '914993344', 10, isPhone)).toMatch(/^phone 914993344 has 9 digits: .*did you mean 0914993344\?/);
    expect(droppedZeroHint('phone', 'abc', 10, isPhone)).toBeNull();
  });

  it('reads yes/no cells in English and Vietnamese, empty meaning unchanged', () => {
    expect(['true', '1', 'có', 'Có', 'CO', 'yes', 'x'].map(yesNoCell)).toEqual(Array(7).fill(true));
    expect(['false', '0', 'không', 'KHÔNG', 'khong', 'no'].map(yesNoCell)).toEqual(Array(6).fill(false));
    expect(yesNoCell('co\u0301')).toBe(true); // decomposed (NFD), as some editors save it
    expect(yesNoCell('  ')).toBeUndefined();
    expect(yesNoCell('maybe')).toBe('invalid');
  });
});
