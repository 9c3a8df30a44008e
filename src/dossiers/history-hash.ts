import { canonicalJson, sha256 } from '../common/canonical-json';
import type { EventActor } from './dossier-event.entity';

export interface HashedEventContent {
  dossierId: string;
  seq: number;
  type: string;
  action: string | null;
  fromState: string | null;
  toState: string;
  actor: EventActor;
  comment: string | null;
  reason: string | null;
  data: Record<string, unknown> | null;
  at: string;
}

/** SHA-256 over the previous hash and the event's canonical content. */
export function eventHash(prevHash: string | null, content: HashedEventContent): string {
  return sha256(`${prevHash ?? ''}\n${canonicalJson(content)}`);
}

/** Checks a whole history, oldest first: every link and every hash. Returns the first bad seq. */
export function verifyChain(events: (HashedEventContent & { hash: string; prevHash: string | null })[]): number | null {
  let prev: string | null = null;
  for (const [i, e] of events.entries()) {
    const { hash, prevHash, ...content } = e;
    if (e.seq !== i + 1 || prevHash !== prev || eventHash(prev, content) !== hash) return e.seq;
    prev = hash;
  }
  return null;
}
