import fc from 'fast-check';
import { canonicalJson } from './canonical-json';

/** The first implementation, by entries, filter, sort and map: hashes already chained in histories were made by it. */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
}

describe('canonicalJson', () => {
  const leaf = fc.oneof(fc.jsonValue(), fc.constant(undefined), fc.date({ noInvalidDate: true }), fc.string({ unit: 'binary' }));
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('value')), fc.dictionary(fc.string({ unit: 'binary' }), tie('value'))),
  }));

  it('writes exactly what the first implementation wrote, so earlier hashes still verify', () => {
    fc.assert(fc.property(value, (v) => canonicalJson(v) === reference(v)), { numRuns: 3_000 });
  });

  it('sorts keys at every depth and leaves undefined members out', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: undefined, e: null }], c: 'x' }, z: undefined })).toBe('{"a":{"c":"x","d":[2,{"e":null}]},"b":1}');
    expect(canonicalJson({ é: 1, e: 2, Z: 3, '10': 4, '9': 5 })).toBe('{"10":4,"9":5,"Z":3,"e":2,"é":1}');
  });
});
