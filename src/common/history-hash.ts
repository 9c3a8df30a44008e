// Pure: the hash chain of every history (dossiers, feedback) and its check.
import { canonicalJson, sha256 } from '../common/canonical-json';

/** SHA-256 over the previous hash and the event's canonical content (keys sorted). */
export function eventHash(prevHash: string | null, content: object): string {
  return sha256(`${prevHash ?? ''}\n${canonicalJson(content)}`);
}

/** The hash of an event's data, so the chain can be checked without showing the data. */
export function dataHash(data: unknown): string | null {
  return data === null || data === undefined ? null : sha256(canonicalJson(data));
}

/** Checks a whole history as the API returns it, oldest first. Returns the first bad seq, or null. */
export function verifyChain(events: ({ seq: number; hash: string; prevHash: string | null } & object)[]): number | null {
  let prev: string | null = null;
  for (const [i, e] of events.entries()) {
    const { hash, prevHash, ...content } = e;
    if (e.seq !== i + 1 || prevHash !== prev || eventHash(prev, content) !== hash) return e.seq;
    prev = hash;
  }
  return null;
}
