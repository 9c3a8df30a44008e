import { DomainError } from './domain-error';
import { parseJsonBody } from './json-body';

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const refusal = (text: string) => {
  try {
    parseJsonBody(text);
  } catch (error) {
    return error instanceof DomainError ? `${error.kind} ${error.code}: ${error.message}` : `not a DomainError: ${error}`;
  }
  return 'accepted';
};

describe('parseJsonBody (every JSON request body)', () => {
  it('keeps ordinary bodies as they are', () => {
    const body = { applicant: { name: 'Công ty TNHH May Quảng Ngãi 👩‍👩‍👧' }, workers: [{ wage: 3920000 }], loan: null, note: 'a\\u00e9' };
    expect(parseJsonBody(JSON.stringify(body))).toEqual(body);
    expect(parseJsonBody('[1,"x",null]')).toEqual([1, 'x', null]);
    for (const scalar of ['null', '1', 'true', '"x"']) expect(parseJsonBody(scalar)).toEqual(JSON.parse(scalar));
  });

  it('refuses text that is not JSON as 400 BAD_REQUEST', () => {
    expect(refusal('{"portalCode": ')).toMatch(/^invalid BAD_REQUEST: the body is not valid JSON/);
  });

  it('accepts 32 levels of nesting and refuses 33, objects and arrays alike', () => {
    expect(refusal(nested(32))).toBe('accepted');
    expect(refusal(nested(33))).toMatch(/nested deeper than 32/);
    expect(refusal('{"a":'.repeat(33) + '1' + '}'.repeat(33))).toMatch(/nested deeper than 32/);
    expect(refusal('{"a":'.repeat(32) + '"\\u0041"' + '}'.repeat(32))).toBe('accepted');
  });

  it('refuses 100,000 levels from the text, before parsing them', () => {
    expect(refusal(nested(100_000))).toMatch(/nested deeper than 32/);
    expect(refusal('['.repeat(100_000))).toMatch(/nested deeper than 32/);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(refusal(JSON.stringify({ a: '['.repeat(100), b: '\\"{{{{'.repeat(50) + '"[[[[' }))).toBe('accepted');
    expect(refusal('["\\\\"' + ',['.repeat(32) + ']'.repeat(32) + ']')).toMatch(/nested deeper than 32/);
  });

  it('counts the deepest branch, not the number of branches', () => {
    expect(refusal(JSON.stringify({ a: Array.from({ length: 1000 }, () => [[[1]]]) }))).toBe('accepted');
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses the key %s at any depth, also when escaped', (key) => {
    expect(refusal(`{"x":{"${key}":{"admin":true}}}`)).toBe(`invalid BAD_REQUEST: the key "${key}" is not allowed`);
    expect(refusal(`[{"${key.replace('_', '\\u005f')}":1}]`)).toBe(`invalid BAD_REQUEST: the key "${key}" is not allowed`);
  });

  it('refuses NUL and lone surrogates in values and keys, which PostgreSQL cannot store', () => {
    expect(refusal('{"comment":"a\\u0000b"}')).toMatch(/a text value must not contain U\+0000/);
    expect(refusal('{"a\\u0000":1}')).toMatch(/a key must not contain U\+0000/);
    expect(refusal('["\\u0000"]')).toMatch(/U\+0000/);
    expect(refusal('"\\u0000"')).toMatch(/U\+0000/);
    expect(refusal('{"name":"x\\ud800"}')).toMatch(/lone UTF-16 surrogate/);
    expect(refusal('{"name":"\\udc00x"}')).toMatch(/lone UTF-16 surrogate/);
    expect(parseJsonBody('{"name":"\\ud83d\\ude00"}')).toEqual({ name: '😀' });
  });

  it('names a long forbidden key by its first 64 characters only', () => {
    expect(refusal(`{"constructor":1,"${'k'.repeat(10_000)}":1}`).length).toBeLessThan(200);
  });
});

describe('parseJsonBody with a budget of values', () => {
  const status = (text: string, max: number) => {
    try {
      parseJsonBody(text, max);
      return 'accepted';
    } catch (error) {
      return (error as { getStatus?: () => number }).getStatus?.() ?? 'other';
    }
  };

  it('counts every object, array, property and element, and refuses one more than the budget with 413', () => {
    // 1 object + 2 properties + 3 elements = 6 values.
    expect(status('{"a":[1,2,3],"b":"x"}', 6)).toBe('accepted');
    expect(status('{"a":[1,2,3],"b":"x"}', 5)).toBe(413);
    expect(status(JSON.stringify({ contact: Array(50_000).fill(0) }), 1_000)).toBe(413);
    expect(status(JSON.stringify([Array(600).fill([0]), Array(600).fill([0])]), 1_000)).toBe(413);
  });
});

describe('parseJsonBody: text in NFC', () => {
  it('composes every text, however deep, raw or escaped, and leaves keys and other values alone', () => {
    const nfd = 'Nguyễn Thị Ánh'.normalize('NFD');
    const body = parseJsonBody(JSON.stringify({ a: nfd, b: [nfd, 1, null, { c: nfd }], n: 2 })) as Record<string, unknown>;
    const nfc = nfd.normalize('NFC');
    expect(body).toEqual({ a: nfc, b: [nfc, 1, null, { c: nfc }], n: 2 });
    expect(parseJsonBody('"e\\u0301"')).toBe('\u00e9');
  });
});
