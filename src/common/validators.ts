import { ValidateBy, type ValidationOptions } from 'class-validator';
import { showsNothing, textProblem, type TextKind } from './text';
import * as vn from './vn-identifiers';

/** A real calendar day: 2020-02-31 and 2020-13-01 are refused, not rolled over. */
function isRealDate(ymd: string): boolean {
  const [y, m, d] = ymd.split('-').map(Number);
  // Not Date.UTC: it reads years 0–99 as 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** `YYYY-MM-DD` naming a real calendar day. */
export const isDateOnly = (v: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(v) && isRealDate(v);
// The plausible years of a date in a person's record (a leave period, a contract): a real date
// outside them is a typing mistake (0001-01-01, 9999-12-31), not a fact to store.
export const PLAUSIBLE_DATES = { first: '1900-01-01', last: '2100-12-31' } as const;
/** A real calendar day from 1900-01-01 to 2100-12-31. */
export const isPlausibleDate = (v: string): boolean => isDateOnly(v) && v >= PLAUSIBLE_DATES.first && v <= PLAUSIBLE_DATES.last;
/** An ISO 8601 date-time with an offset (`Z` or `±hh:mm`), on a real calendar day. */
export const isInstant = (v: string): boolean =>
  /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/.test(v) &&
  isRealDate(v.slice(0, 10)) &&
  !Number.isNaN(Date.parse(v));

/**
 * The string checks of the custom decorators, by the decorator's name. The compiled body
 * validators (compiled-body.pipe.ts) use the same functions as formats of those names.
 */
export const STRING_CHECKS = {
  isTaxCode: vn.isTaxCode,
  isIdNumber: vn.isIdNumber,
  isVnPhone: vn.isPhone,
  isSocialInsuranceCode: vn.isSocialInsuranceCode,
  isPortalCode: vn.isPortalCode,
  isProvinceCode: vn.isProvinceCode,
  isDistrictCode: vn.isDistrictCode,
  isDateOnly,
  isPlausibleDate,
  isInstant,
  isText: (v: string) => textProblem(v, 'line') === null,
  isTextLines: (v: string) => textProblem(v, 'lines') === null,
  // An action's reason: blank is no reason, which the action's own rule refuses (DOSSIER_REASON_REQUIRED) after who-may-act.
  isReasonText: (v: string) => showsNothing(v) || textProblem(v, 'lines') === null,
} satisfies Record<string, (v: string) => boolean>;

function rule(name: keyof typeof STRING_CHECKS, what: string) {
  const check = STRING_CHECKS[name];
  return (options?: ValidationOptions): PropertyDecorator =>
    ValidateBy(
      {
        name,
        validator: {
          validate: (value: unknown) => typeof value === 'string' && check(value),
          defaultMessage: (args) => `${args?.property} ${what ? `must be ${what}` : textProblem(args?.value, name === 'isText' ? 'line' : 'lines')}`,
        },
      },
      options,
    );
}

export const IsTaxCode = rule('isTaxCode', 'a 10-digit tax code with a valid check digit (optionally -NNN)');
export const IsIdNumber = rule('isIdNumber', 'a 12-digit CCCD or a 9-digit CMND number');
export const IsVnPhone = rule('isVnPhone', 'a Vietnamese phone number (10-digit mobile or 11-digit landline)');
export const IsSocialInsuranceCode = rule('isSocialInsuranceCode', 'a 10-digit social insurance code');
export const IsPortalCode = rule('isPortalCode', '1–64 characters of A-Z a-z 0-9 . - _');
export const IsProvinceCode = rule('isProvinceCode', 'a 2-digit province code');
export const IsDistrictCode = rule('isDistrictCode', 'a 3-digit district code');
export const IsDateOnly = rule('isDateOnly', 'a calendar date YYYY-MM-DD');
/**
 * A real day of a plausible year: what is no date at all keeps IsDateOnly's message (clients read
 * it), and a real date outside the years gets its own, naming them.
 */
export const IsPlausibleDate = (options?: ValidationOptions): PropertyDecorator => (target, key) => {
  IsDateOnly(options)(target, key);
  ValidateBy(
    {
      name: 'isPlausibleDate',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !isDateOnly(value) || isPlausibleDate(value),
        defaultMessage: (args) => `${args?.property} must be a calendar date YYYY-MM-DD from ${PLAUSIBLE_DATES.first} to ${PLAUSIBLE_DATES.last}`,
      },
    },
    options,
  )(target, key);
};
export const IsInstant = rule('isInstant', 'an ISO 8601 date-time with an offset');

/**
 * Text a person reads (textProblem in text.ts): visible, one line or several without other control
 * characters. Every parser hands it on in NFC already (json-body.ts, the console's forms, CSV imports).
 */
function text(kind: TextKind) {
  return rule(kind === 'line' ? 'isText' : 'isTextLines', '');
}

export const IsText = text('line');
export const IsTextLines = text('lines');
export const IsReasonText = rule('isReasonText', '');

/** @IsIn() of a list asked at each validation (what is registered now, e.g. procedures deployed since start). */
export function IsInNow(values: () => readonly string[], options?: ValidationOptions) {
  return ValidateBy(
    { name: 'isIn', validator: { validate: (v) => typeof v === 'string' && values().includes(v), defaultMessage: (a) => `${a?.property} must be one of the following values: ${values().join(', ')}` } },
    options,
  );
}
