import { reviveSafely } from './json-reviver';

const parse = (text: string) => JSON.parse(text, reviveSafely);
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('reviveSafely (the JSON body reviver)', () => {
  it('keeps ordinary bodies as they are', () => {
    const body = { applicant: { name: 'Công ty TNHH May Quảng Ngãi 👩‍👩‍👧' }, workers: [{ wage: 3920000 }], loan: null };
    expect(parse(JSON.stringify(body))).toEqual(body);
  });

  it('accepts 32 levels of nesting and refuses 33', () => {
    expect(() => parse(nested(32))).not.toThrow();
    expect(() => parse(nested(33))).toThrow(/nested deeper than 32/);
    expect(() => parse('{"a":'.repeat(33) + '1' + '}'.repeat(33))).toThrow(/nested deeper than 32/);
  });

  it('counts the deepest branch, not the number of branches', () => {
    expect(() => parse(JSON.stringify({ a: Array.from({ length: 1000 }, () => [[[1]]]) }))).not.toThrow();
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses the key %s', (key) => {
    expect(() => parse(`{"x":{"${key}":{"admin":true}}}`)).toThrow(`the key "${key}" is not allowed`);
  });

  it('refuses NUL and lone surrogates in values and keys, which PostgreSQL cannot store', () => {
    expect(() => parse('{"comment":"a\\u0000b"}')).toThrow(/U\+0000/);
    expect(() => parse('{"a\\u0000":1}')).toThrow(/U\+0000/);
    expect(() => parse('{"name":"x\\ud800"}')).toThrow(/lone UTF-16 surrogate/);
    expect(() => parse('{"name":"\\udc00x"}')).toThrow(/lone UTF-16 surrogate/);
    expect(parse('{"name":"\\ud83d\\ude00"}')).toEqual({ name: '😀' });
  });
});
