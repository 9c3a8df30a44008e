import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { conflict, DomainError, invalid, notFound, ruleBroken } from './domain-error';
import { ERROR_AREAS, ERRORS } from './error-codes';
import { errorTableMarkdown } from './problem-pages';

const API_MD = join(__dirname, '..', '..', 'docs', 'api.md');
const START = '<!-- error-codes:start (generated from src/common/error-codes.ts) -->';
const END = '<!-- error-codes:end -->';

describe('the error catalogue', () => {
  it('registers each code once, in SCREAMING_SNAKE, with both titles', () => {
    const codes = Object.values(ERROR_AREAS).flatMap((area) => Object.keys(area));
    expect(new Set(codes).size).toBe(codes.length);
    expect(Object.keys(ERRORS)).toHaveLength(codes.length);
    for (const [code, e] of Object.entries(ERRORS)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
      expect({ code, en: e.en.trim().length > 0, vi: e.vi.trim().length > 0 }).toEqual({ code, en: true, vi: true });
    }
  });

  it('types the factories on the catalogue: an unregistered code, or one of another status, does not compile', () => {
    // These lines are checked by `npm run lint` (tsc over the tests); at run time they only construct errors.
    // @ts-expect-error not registered
    invalid('DOSSIER_NOT_FOUNDD', 'x');
    // @ts-expect-error registered as 404, not 400
    invalid('DOSSIER_NOT_FOUND', 'x');
    // @ts-expect-error registered as 422, not 409
    conflict('IDEMPOTENCY_KEY_REUSED', 'x');
    // @ts-expect-error registered as 401, not 403
    new DomainError('forbidden', 'AUTH_TOKEN_MISSING', 'x');
    expect(notFound('DOSSIER_NOT_FOUND', 'x').code).toBe('DOSSIER_NOT_FOUND');
    expect(ruleBroken('IDEMPOTENCY_KEY_REUSED', 'x').kind).toBe('rule');
  });

  it('is the table of docs/api.md (UPDATE_DOCS=1 rewrites it)', () => {
    const table = `${START}\n${errorTableMarkdown()}\n${END}`;
    const section = (doc: string) => {
      const start = doc.indexOf(START);
      const end = doc.indexOf(END);
      expect(start).toBeGreaterThan(0);
      expect(end).toBeGreaterThan(start);
      return { start, end: end + END.length };
    };
    if (process.env.UPDATE_DOCS) {
      const doc = readFileSync(API_MD, 'utf8');
      const { start, end } = section(doc);
      writeFileSync(API_MD, doc.slice(0, start) + table + doc.slice(end));
    }
    const doc = readFileSync(API_MD, 'utf8');
    const { start, end } = section(doc);
    expect(doc.slice(start, end)).toBe(table);
  });
});
