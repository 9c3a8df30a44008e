// Pure: bearer tokens: made at random, stored only as their hash.
import { randomBytes } from 'node:crypto';
import { sha256 } from '../common/canonical-json';

/** 32 random bytes, URL-safe; shown once, stored only as its hash. */
export function newToken(): { token: string; hash: string } {
  const token = `dvc_${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return sha256(token);
}
