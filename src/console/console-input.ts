// Pure: what the console takes from a request (query strings, form and JSON bodies, the return
// address), checked before use as the API's pipes check its own, so bad input is a 400, not a 500.
import { invalidFields } from '../common/domain-error';
import { nfc } from '../common/text';
import { CONSOLE } from './views/layout';

/** The fields each console route declares; any other key, whatever its name, is refused. */
export const CONSOLE_FIELDS = {
  signInQuery: ['next'],
  languageQuery: ['to', 'next'],
  overviewQuery: ['period', 'from', 'to'],
  alertsQuery: ['kind', 'unit', 'procedure', 'sort', 'desc', 'cursor'],
  dossierQuery: ['done'],
  noQuery: [],
  signInForm: ['csrf', 'token', 'next'],
  sessionForm: ['csrf'],
  actionForm: ['csrf', 'action', 'expectedVersion', 'comment', 'reason', 'ground', 'channel', 'contractNumber', 'amount', 'month', 'workers'],
} as const satisfies Record<string, readonly string[]>;

export type Fields<K extends keyof typeof CONSOLE_FIELDS> = Partial<Record<(typeof CONSOLE_FIELDS)[K][number], string>>;

const jsonType = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`);
const shown = (key: string) => JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key);

/**
 * A query string or a body as the declared texts of a route: an unknown key (also `toString` or
 * `__proto__`) or a field that is not one text (a repeated parameter, a JSON number or array) is a
 * 400 naming it. A repeated or non-text `next` is only dropped: the return address falls back.
 */
export function consoleFields<K extends keyof typeof CONSOLE_FIELDS>(source: unknown, kind: K, where: 'query' | 'body'): Fields<K> {
  if (source === undefined || source === null) return {};
  if (typeof source !== 'object' || Array.isArray(source)) {
    throw invalidFields('VALIDATION_FAILED', [{ field: where, message: `the ${where} must be an object of texts, not ${jsonType(source)}` }]);
  }
  const declared: readonly string[] = CONSOLE_FIELDS[kind];
  const out: Record<string, string> = {};
  const errors = [];
  for (const key of Object.keys(source)) {
    const value = (source as Record<string, unknown>)[key];
    if (!declared.includes(key)) errors.push({ field: key, constraint: 'whitelistValidation', message: `property ${shown(key)} should not exist` });
    else if (typeof value === 'string') out[key] = nfc(value);
    else if (key !== 'next') errors.push({ field: key, constraint: 'isString', message: `${key} must be one text, not ${jsonType(value)}` });
  }
  if (errors.length) throw invalidFields('VALIDATION_FAILED', errors);
  return out as Fields<K>;
}

// What a Location header carries as it is: printable ASCII without space (a browser sends the
// path percent-encoded), nothing a header would refuse or a proxy could split on.
const HEADER_SAFE_PATH = new RegExp(`^${CONSOLE}/[\\x21-\\x7e]*$`);

/** Only one path of the console itself, so a sign-in cannot send anyone elsewhere; else the overview. */
export function safeNext(next: unknown): string {
  const fine =
    typeof next === 'string' && HEADER_SAFE_PATH.test(next) && !next.startsWith(`${CONSOLE}//`) && !next.includes('\\') && !next.startsWith(`${CONSOLE}/sign-`);
  return fine ? next : `${CONSOLE}/overview`;
}

/**
 * The console's static files by name, in a map of its own (no inherited name is an asset): the
 * type and the file, relative to the compiled console folder. The printable forms' font is the
 * documents' own, served from here so that a browser never fetches one from the network.
 */
export const STATIC_FILES: ReadonlyMap<string, { type: string; file: string }> = new Map([
  ['console.css', { type: 'text/css; charset=utf-8', file: 'static/console.css' }],
  ['console.js', { type: 'text/javascript; charset=utf-8', file: 'static/console.js' }],
  ['favicon.svg', { type: 'image/svg+xml', file: 'static/favicon.svg' }],
  ...['Regular', 'Bold', 'Italic', 'BoldItalic'].map((face): [string, { type: string; file: string }] => [
    `LiberationSerif-${face}.ttf`, { type: 'font/ttf', file: `../documents/fonts/LiberationSerif-${face}.ttf` },
  ]),
]);
