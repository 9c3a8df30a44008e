// Pure: canonical JSON and SHA-256, so equal content always hashes equally.
import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted, so equal content always hashes equally. Keys sort by UTF-16 code
 * units (Array#sort's default); undefined members are left out. Loops, not entries/filter/map: a
 * 5,000-worker submission is hashed at intake.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const member = object[key];
    if (member === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(member)}`;
    first = false;
  }
  return `${out}}`;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A JSON object stored in jsonb; `any` because TypeORM's deep-partial insert types reject `unknown`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsonObject = Record<string, any>;
