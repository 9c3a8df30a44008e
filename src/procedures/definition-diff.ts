// Pure: what differs between two documents of a procedure, field by field, named as a reader writes a path.

export interface Difference {
  /** `steps[2].timeLimitWorkingDays`; `name`. */
  path: string;
  before: unknown;
  after: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const join = (path: string, key: string | number) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

/** Every leaf (or whole member, where one side lacks it) that differs, in the order of the later document. */
export function differences(before: unknown, after: unknown, path = ''): Difference[] {
  if (Array.isArray(before) && Array.isArray(after)) {
    const out: Difference[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) out.push(...differences(before[i], after[i], join(path, i)));
    return out;
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(after), ...Object.keys(before)])].filter((k) => k !== '$schema');
    return keys.flatMap((k) => differences(before[k], after[k], join(path, k)));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path, before: before ?? null, after: after ?? null }];
}
