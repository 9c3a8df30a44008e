import { ValidateBy, type ValidationOptions } from 'class-validator';
import * as vn from './vn-identifiers';

function rule(name: string, check: (v: string) => boolean, what: string) {
  return (options?: ValidationOptions): PropertyDecorator =>
    ValidateBy(
      {
        name,
        validator: {
          validate: (value: unknown) => typeof value === 'string' && check(value),
          defaultMessage: (args) => `${args?.property} must be ${what}`,
        },
      },
      options,
    );
}

export const IsTaxCode = rule('isTaxCode', vn.isTaxCode, 'a 10-digit tax code with a valid check digit (optionally -NNN)');
export const IsIdNumber = rule('isIdNumber', vn.isIdNumber, 'a 12-digit CCCD or a 9-digit CMND number');
export const IsVnPhone = rule('isVnPhone', vn.isPhone, 'a Vietnamese phone number (10-digit mobile or 11-digit landline)');
export const IsSocialInsuranceCode = rule('isSocialInsuranceCode', vn.isSocialInsuranceCode, 'a 10-digit social insurance code');
export const IsPortalCode = rule('isPortalCode', vn.isPortalCode, '1–64 characters of A-Z a-z 0-9 . - _');
export const IsProvinceCode = rule('isProvinceCode', vn.isProvinceCode, 'a 2-digit province code');
export const IsDistrictCode = rule('isDistrictCode', vn.isDistrictCode, 'a 3-digit district code');
export const IsDateOnly = rule(
  'isDateOnly',
  (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
  'a calendar date YYYY-MM-DD',
);
export const IsInstant = rule(
  'isInstant',
  (v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v)),
  'an ISO 8601 date-time with an offset',
);
