// Pure: Vietnamese identifier formats (DOMAIN.md, "Identifiers").

const TAX_WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3];

/** 10-digit enterprise tax code with its check digit, optionally `-NNN` for a branch. */
export function isTaxCode(value: string): boolean {
  const m = /^(\d{10})(-\d{3})?$/.exec(value);
  if (!m) return false;
  const digits = m[1].split('').map(Number);
  const sum = TAX_WEIGHTS.reduce((acc, w, i) => acc + w * digits[i], 0);
  return (10 - (sum % 11)) === digits[9];
}

/** 12-digit CCCD (province of birth 001–096, century/gender digit 0–3) or 9-digit CMND. */
export function isIdNumber(value: string): boolean {
  if (/^\d{9}$/.test(value)) return true;
  const m = /^(\d{3})([0-3])\d{8}$/.exec(value);
  if (!m) return false;
  const province = Number(m[1]);
  return province >= 1 && province <= 96;
}

/** Mobile 10 digits (03/05/07/08/09), landline 11 digits (02); `+84` may replace the 0. */
export function isPhone(value: string): boolean {
  const local = value.startsWith('+84') ? `0${value.slice(3)}` : value;
  return /^0[35789]\d{8}$/.test(local) || /^02\d{9}$/.test(local);
}

export const isSocialInsuranceCode = (value: string): boolean => /^\d{10}$/.test(value);
export const isPortalCode = (value: string): boolean => /^[A-Za-z0-9.\-_]{1,64}$/.test(value);
export const isProvinceCode = (value: string): boolean => /^\d{2}$/.test(value);
export const isDistrictCode = (value: string): boolean => /^\d{3}$/.test(value);
