import { verifyChain } from '../src/common/history-hash';
import type { ActionConstants } from './action-sql';
import { query } from './bench-database';
import { benchDossierId, type EventRow, hashedContent, submission, type Tokens } from './fixtures';
import { httpLoad } from './load';
import type { RunningService } from './service';
import type { LoadResult } from './stats';

/** (2): `amount` confirms, the i-th on bench dossier `from + i`, each dossier once. */
export function confirmLoad(service: RunningService, tokens: Tokens, connections: number, from: number, amount: number): Promise<LoadResult> {
  const body = JSON.stringify({ action: 'confirm' });
  return httpLoad(`autocannon -c ${connections} POST /api/v1/dossiers/:id/actions`, {
    base: service.base,
    connections,
    amount,
    token: tokens.official,
    expect: 200,
    next: (i) => ({ path: `/api/v1/dossiers/${benchDossierId(from + i)}/actions`, body }),
  });
}

/** (4): `bodies.length` submissions of distinct portalCodes. */
export function intakeLoad(service: RunningService, tokens: Tokens, connections: number, bodies: string[]): Promise<LoadResult> {
  return httpLoad(`autocannon -c ${connections} POST /api/v1/dossiers`, {
    base: service.base,
    connections,
    amount: bodies.length,
    token: tokens.integration,
    expect: 201,
    // autocannon may build a few requests it never sends; those reuse the last body.
    next: (i) => ({ path: '/api/v1/dossiers', body: bodies[Math.min(i, bodies.length - 1)] }),
  });
}

export function intakeBodies(count: number, workers: number, tag: string): string[] {
  return Array.from({ length: count }, (_, i) => JSON.stringify(submission(`INTAKE-${tag}-${i}`, workers)));
}

/** The dossier the bench copies: received by the service itself, so its rows are the service's. */
export async function submitTemplate(service: RunningService, tokens: Tokens, workers: number): Promise<string> {
  const res = await fetch(`${service.base}/api/v1/dossiers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.integration}` },
    body: JSON.stringify(submission(`BENCH-TEMPLATE-${Date.now()}`, workers)),
  });
  const body = (await res.json()) as { id: string; state: string };
  if (res.status !== 201 || body.state !== 'insurance-confirmation') throw new Error(`template submission answered ${res.status}: ${JSON.stringify(body)}`);
  return body.id;
}

/**
 * Every confirm answered 200 among the `sent` dossiers from `from` is in the database (version 2
 * with its event), and the history chain of the first one verifies: the copies are as good as received ones.
 * `chained` false for the floor, which writes the service's hash on every dossier.
 */
export async function checkConfirmed(url: string, from: number, sent: number, answered: number, chained = true): Promise<string> {
  const rows = await query<{ id: string }>(
    url,
    `SELECT d.id FROM dossier d JOIN dossier_event e ON e.dossier_id = d.id AND e.seq = 2
      WHERE d.id IN (SELECT bench_dossier_id(g) FROM generate_series($1::bigint, $2::bigint) g) AND d.version = 2`,
    [from, from + sent - 1],
  );
  if (rows.length < answered) throw new Error(`${answered} confirms were answered 200 but only ${rows.length} are recorded`);
  const id = rows[0].id;
  if (!chained) return id;
  const events = await query<EventRow>(url, 'SELECT * FROM dossier_event WHERE dossier_id = $1 ORDER BY seq', [id]);
  const bad = verifyChain(events.map((e) => ({ ...hashedContent(e), hash: e.hash, prevHash: e.prev_hash })));
  if (events.length !== 2 || bad !== null) throw new Error(`the history of bench dossier ${id} does not verify (seq ${bad})`);
  return id;
}

/** What the service wrote for a confirm, so pgbench writes the same values. */
export async function actionConstants(url: string, id: string): Promise<ActionConstants> {
  const [d] = await query<Record<string, string>>(
    url,
    `SELECT state, status, current_step, step_due_at::text, snapshot::text, updated_at::text FROM dossier WHERE id = $1`,
    [id],
  );
  const [e] = await query<Record<string, string>>(url, 'SELECT type, action, from_state, actor::text, hash FROM dossier_event WHERE dossier_id = $1 AND seq = 2', [id]);
  const [o] = await query<Record<string, string>>(url, 'SELECT payload::text, state FROM outbox_message WHERE dossier_id = $1 ORDER BY seq DESC LIMIT 1', [id]);
  return {
    after_state: d.state, after_status: d.status, after_current_step: d.current_step, after_step_due_at: d.step_due_at,
    after_snapshot: d.snapshot, now: d.updated_at, event_type: e.type, event_action: e.action, event_from_state: e.from_state,
    event_actor: e.actor, event_hash: e.hash, outbox_payload: o.payload, outbox_state: o.state,
  };
}
