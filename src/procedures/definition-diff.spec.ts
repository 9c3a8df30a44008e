import { differences } from './definition-diff';

describe('differences', () => {
  it('names each changed field by its path, and nothing else', () => {
    const a = { name: 'A', steps: [{ key: 's', timeLimitWorkingDays: 3 }], $schema: 'x' };
    const b = { name: 'A', steps: [{ key: 's', timeLimitWorkingDays: 2 }, { key: 't' }], $schema: 'y' };
    expect(differences(a, b)).toEqual([
      { path: 'steps[0].timeLimitWorkingDays', before: 3, after: 2 },
      { path: 'steps[1]', before: null, after: { key: 't' } },
    ]);
    expect(differences(a, structuredClone(a))).toEqual([]);
  });
});
