// Pure: who an event of a history (dossier or feedback) records as its actor.
import type { Principal } from './principal';

export interface EventActor {
  principalId: string | null;
  kind: string;
  unitCode: string | null;
}

export function actorOf(principal: Principal): EventActor {
  return { principalId: principal.id, kind: principal.kind, unitCode: principal.official?.unitCode ?? null };
}

/** A citizen or enterprise on a public route: no principal. */
export const PUBLIC_ACTOR: EventActor = { principalId: null, kind: 'public', unitCode: null };
