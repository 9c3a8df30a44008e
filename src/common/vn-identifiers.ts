// Pure: Vietnamese identifier formats (docs/domain.md, "Identifiers").
import { PROVINCE_CODES } from './administrative-units';

const TAX_WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3];

/** 10-digit enterprise tax code with its check digit, optionally `-NNN` for a branch. */
export function isTaxCode(value: string): boolean {
  const m = /^(\d{10})(-\d{3})?$/.exec(value);
  if (!m) return false;
  const digits = m[1].split('').map(Number);
  const sum = TAX_WEIGHTS.reduce((acc, w, i) => acc + w * digits[i], 0);
  return (10 - (sum % 11)) === digits[9];
}

/**
 * 12-digit CCCD or 9-digit CMND. A CCCD starts with the code of the province where the birth was
 * registered ("0" + one of the 63 province codes: 001 Hà Nội … 096 Cà Mau; 003, 005, … are not
 * assigned), then a century/gender digit (0/1 for the 1900s, 2/3 for the 2000s).
 */
export function isIdNumber(value: string): boolean {
  if (/^\d{9}$/.test(value)) return true;
  const m = /^0(\d{2})[0-3]\d{8}$/.exec(value);
  return m !== null && PROVINCE_CODES.has(m[1]);
}

/** Mobile 10 digits (03/05/07/08/09), landline 11 digits (02); `+84` may replace the 0. */
export function isPhone(value: string): boolean {
  const local = value.startsWith('+84') ? `0${value.slice(3)}` : value;
  return /^0[35789]\d{8}$/.test(local) || /^02\d{9}$/.test(local);
}

/**
 * A phone number as people write it (`0914 993 344`, `0914.993.344`, `+84 914-993-344`, `(84) 914993344`)
 * reduced to its digits with the leading 0; anything else is left for isPhone to refuse.
 */
export function normalisePhone(value: string): string {
  const compact = value.replace(/[\s.\-()\u00a0]/g, '');
  if (/^\+84\d+$/.test(compact)) return `0${compact.slice(3)}`;
  if (/^84\d{9,10}$/.test(compact)) return `0${compact.slice(2)}`;
  return compact;
}

export const isSocialInsuranceCode = (value: string): boolean => /^\d{10}$/.test(value);
export const isPortalCode = (value: string): boolean => /^[A-Za-z0-9.\-_]{1,64}$/.test(value);
/** One of the 63 province codes of 2020–2021 (51 Quảng Ngãi, 92 Cần Thơ). */
export const isProvinceCode = (value: string): boolean => PROVINCE_CODES.has(value);
export const isDistrictCode = (value: string): boolean => /^\d{3}$/.test(value);
