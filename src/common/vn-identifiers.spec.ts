import { isIdNumber, isPhone, isTaxCode } from './vn-identifiers';

describe('Vietnamese identifiers', () => {
  it('checks the tax code check digit', () => {
    expect(isTaxCode('4300123458')).toBe(true);
    expect(isTaxCode('4300123459')).toBe(false);
    expect(isTaxCode('4300123458-001')).toBe(true);
    expect(isTaxCode('430012345')).toBe(false);
  });
  it('accepts CCCD with a real province code and CMND', () => {
    expect(isIdNumber('051190000123')).toBe(true);
    expect(isIdNumber('097190000123')).toBe(false);
    expect(isIdNumber('092190000123')).toBe(true); // Cần Thơ
    // 003, 005, 007 … are not assigned to any province; nor is anything from 100 on.
    for (const code of ['000', '003', '005', '013', '090', '100', '151']) expect(isIdNumber(`${code}190000123`)).toBe(false);
    expect(isIdNumber('051490000123')).toBe(false);
    expect(isIdNumber('212345678')).toBe(true);
    expect(isIdNumber('21234567')).toBe(false);
  });
  it('accepts mobile and landline numbers, with +84', () => {
    expect(isPhone('0905123456')).toBe(true);
    expect(isPhone('+84905123456')).toBe(true);
    expect(isPhone('02553822123')).toBe(true);
    expect(isPhone('0105123456')).toBe(false);
    expect(isPhone('090512345')).toBe(false);
  });
});
