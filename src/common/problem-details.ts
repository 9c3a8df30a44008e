// Pure: the body of every refusal, an RFC 9457 problem details object that keeps the fields
// clients already read (statusCode, code, message), worded in English or Vietnamese.
import type { ErrorDetails, FieldError } from './domain-error';
import { ERRORS, type ErrorCode } from './error-codes';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';
export const PROBLEM_PAGES = '/problems';

export type Language = 'en' | 'vi';

export interface ProblemDetails {
  /** `/problems/<code>`, a page the service serves saying what the code means. */
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The request id (also the `X-Request-Id` header and the id in the logs). */
  instance?: string;
  statusCode: number;
  code: ErrorCode;
  /** As before RFC 9457: a sentence, or for invalid fields one sentence per field (English). */
  message: string | string[];
  errors?: { pointer: string; detail: string }[];
  [extension: string]: unknown;
}

export interface Refusal {
  code: ErrorCode;
  /** The catalogue's status unless the HTTP layer answered with another (HTTP_ERROR). */
  status?: number;
  message: string | string[];
  fields?: readonly FieldError[];
  details?: ErrorDetails;
}

export function problemTypeOf(code: ErrorCode): string {
  return `${PROBLEM_PAGES}/${code}`;
}

/** `workers.0.idNumber` → `/workers/0/idNumber` (RFC 6901). */
export function jsonPointer(path: string): string {
  if (!path) return '';
  return path
    .split('.')
    .map((token) => `/${token.replaceAll('~', '~0').replaceAll('/', '~1')}`)
    .join('');
}

/** What a failed check means, by class-validator constraint (or a cross-field rule's name). */
const VI_CONSTRAINTS: Record<string, string> = {
  isDefined: 'là bắt buộc',
  isNotEmpty: 'không được để trống',
  isString: 'phải là chuỗi ký tự',
  isInt: 'phải là số nguyên',
  isBoolean: 'phải là true hoặc false',
  min: 'nhỏ hơn giá trị cho phép',
  max: 'lớn hơn giá trị cho phép',
  minLength: 'quá ngắn',
  maxLength: 'quá dài',
  length: 'có độ dài không hợp lệ',
  isIn: 'không thuộc các giá trị cho phép',
  isEmail: 'không phải địa chỉ email hợp lệ',
  matches: 'không đúng định dạng',
  isObject: 'phải là một đối tượng JSON',
  isArray: 'phải là một danh sách',
  arrayMinSize: 'có quá ít phần tử',
  arrayMaxSize: 'có quá nhiều phần tử',
  nestedValidation: 'phải là một đối tượng JSON',
  whitelistValidation: 'là trường không được chấp nhận',
  isUuid: 'phải là UUID',
  isTaxCode: 'không phải mã số thuế hợp lệ',
  isIdNumber: 'không phải số CCCD/CMND hợp lệ',
  isVnPhone: 'không phải số điện thoại Việt Nam hợp lệ',
  isSocialInsuranceCode: 'không phải mã số bảo hiểm xã hội hợp lệ',
  isPortalCode: 'không phải mã hồ sơ hợp lệ',
  isProvinceCode: 'không phải mã tỉnh hợp lệ',
  isDistrictCode: 'không phải mã huyện hợp lệ',
  isDateOnly: 'không phải ngày hợp lệ (YYYY-MM-DD)',
  isPlausibleDate: 'không phải ngày hợp lệ (YYYY-MM-DD) trong khoảng 1900-01-01 đến 2100-12-31',
  isInstant: 'không phải thời điểm ISO 8601 có múi giờ',
  isText: 'phải là văn bản nhìn thấy được trên một dòng, không có ký tự điều khiển',
  isTextLines: 'phải là văn bản nhìn thấy được, không có ký tự điều khiển ngoài xuống dòng',
  isReasonText: 'không được có ký tự điều khiển ngoài xuống dòng',
  required: 'là bắt buộc',
  mustBeNull: 'phải để trống',
  notBefore: 'không được sớm hơn ngày bắt đầu',
  unique: 'bị trùng trong danh sách',
};

function fieldDetail(f: FieldError, language: Language): string {
  if (language === 'en') return f.message;
  return `${f.field}: ${(f.constraint && VI_CONSTRAINTS[f.constraint]) || 'không hợp lệ'}`;
}

/** The problem details of a refusal, worded in `language`; `instance` is the request id. */
export function problemDetails(refusal: Refusal, language: Language, instance?: string): ProblemDetails {
  const entry = ERRORS[refusal.code];
  const status = refusal.status ?? entry.status;
  const fields = refusal.fields ?? [];
  const english = Array.isArray(refusal.message) ? refusal.message.join('; ') : refusal.message;
  const detail = language === 'en' ? english : fields.length ? fields.map((f) => fieldDetail(f, 'vi')).join('; ') : entry.vi;
  return {
    // Extensions first, so none can replace a standard member.
    ...refusal.details,
    type: problemTypeOf(refusal.code),
    title: entry[language],
    status,
    detail,
    ...(instance ? { instance } : {}),
    statusCode: status,
    code: refusal.code,
    message: refusal.message,
    ...(fields.length ? { errors: fields.map((f) => ({ pointer: jsonPointer(f.field), detail: fieldDetail(f, language) })) } : {}),
  };
}

/**
 * The language a caller prefers of the two the service speaks, by `Accept-Language` (RFC 9110
 * quality values, the first listed on a tie; `vi-VN` counts as `vi`); `fallback` without a header,
 * for a wildcard, or when neither language is listed.
 */
export function preferredLanguage(acceptLanguage: string | string[] | undefined, fallback: Language): Language {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage;
  if (!header) return fallback;
  let best: { language: Language; q: number } | null = null;
  for (const part of header.split(',')) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    const primary = tag.trim().split('-')[0];
    const language: Language | null = primary === 'vi' || primary === 'en' ? primary : primary === '*' ? fallback : null;
    if (language && (!best || q > best.q)) best = { language, q };
  }
  return best?.language ?? fallback;
}
