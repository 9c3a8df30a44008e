import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { skipRoundIfDatabaseAway } from '../common/database-outage';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { every, pruneExpired, rest, type Retention } from '../database/retention';
import { Metrics } from '../metrics/metrics.service';
import { type Attempt, deliveryHeaders, isCleartextRemote, outcomeOf, retryDelayMs } from './delivery-policy';

const DAY_MS = 24 * 60 * 60_000;
/** Pruning is housekeeping: once a minute. */
const PRUNE_EVERY_MS = 60_000;
/** Only delivered rows go (nothing reads them after delivery but the admin list); pending and failed stay. */
const DELIVERED: Retention = { table: 'outbox_message', key: 'id', expired: "state = 'delivered' AND delivered_at < $1", oldestFirst: 'delivered_at' };

/** The column naming a message's line of delivery: its dossier, or its feedback. */
export type Owner = 'dossier_id' | 'feedback_id';

interface Claimed {
  id: string;
  attempts: number;
  body: string;
  owner: Owner;
}

/**
 * Up to $2 heads, pending and due at $1, leased until $3. A head is a message none of whose line's
 * earlier messages is undelivered; its line is its dossier or its feedback (exactly one is set), so
 * each candidate costs one probe of ix_outbox_dossier_seq and one of ix_outbox_feedback_seq, the one
 * on the unset column finding nothing at once (an = NULL never matches).
 */
export const CLAIM_SQL = `WITH heads AS MATERIALIZED (
         SELECT o.id FROM outbox_message o
          WHERE o.state = 'pending' AND o.next_attempt_at <= $1
            AND NOT EXISTS (SELECT 1 FROM outbox_message e
                             WHERE e.dossier_id = o.dossier_id AND e.seq < o.seq AND e.state <> 'delivered')
            AND NOT EXISTS (SELECT 1 FROM outbox_message e
                             WHERE e.feedback_id = o.feedback_id AND e.seq < o.seq AND e.state <> 'delivered')
          ORDER BY o.next_attempt_at, o.seq
          LIMIT $2
          FOR UPDATE OF o SKIP LOCKED)
       UPDATE outbox_message m SET attempts = m.attempts + 1, next_attempt_at = $3
         FROM heads WHERE m.id = heads.id
       RETURNING m.id, m.attempts, m.payload, m.feedback_id IS NOT NULL AS "ofFeedback"`;

/**
 * Puts the claimed head $1 (attempt $2, state $3) back until $4 with its error $5, and its line's later
 * pending messages with it (the line's index: ix_outbox_dossier_seq or ix_outbox_feedback_seq).
 */
export function retrySql(line: Owner): string {
  return `WITH head AS (UPDATE outbox_message SET next_attempt_at = $4, last_error = $5 WHERE id = $1 AND attempts = $2 AND state = $3
                        RETURNING ${line} AS line, seq)
         UPDATE outbox_message o SET next_attempt_at = $4 FROM head
          WHERE o.${line} = head.line AND o.seq > head.seq AND o.state = 'pending' AND o.next_attempt_at < $4`;
}

/**
 * Delivers outbox messages to the portal, at least once and in order per dossier (per feedback).
 *
 * A message is eligible only when every earlier message of its line (its dossier, or its feedback)
 * is delivered (it is its line's head): a `failed` one blocks the later ones too, so the portal never
 * sees a dossier's statuses out of order; the admin retry (failed → pending) unblocks the line. A round
 * claims up to PORTAL_DISPATCH_BATCH heads `FOR UPDATE SKIP LOCKED` and leases them (next_attempt_at =
 * now + 2 × the request timeout) in one statement, then sends them in parallel outside any transaction:
 * they are heads of different lines, and a line's next message only becomes a head once this one is
 * delivered, so each line's messages go one at a time, in order. No two instances send the same
 * message at once; an instance killed mid-send leaves the lease to expire and another picks the
 * message up again (the portal may see it twice, with the same messageId).
 * Timing here is wall-clock time, not the business Clock.
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('OutboxDispatcher');
  private readonly loops: Promise<void>[] = [];
  private readonly rounds = new Set<Promise<number>>();
  private readonly shutdown = new AbortController();

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  onApplicationBootstrap(): void {
    const url = this.config.portalWebhookUrl;
    if (url && isCleartextRemote(url)) {
      this.logger.warn({ url }, 'PORTAL_WEBHOOK_URL is plain http:// to another machine: dossier statuses travel unencrypted; use https://');
    }
    if (!url || this.config.portalDispatchIntervalMs === 0) return;
    this.loops.push(this.dispatchLoop(), this.pruneLoop());
  }

  /** Stops both loops, cuts the sends in flight short and waits until every round has recorded its outcomes. */
  async onModuleDestroy(): Promise<void> {
    this.shutdown.abort();
    await Promise.allSettled([...this.loops, ...this.rounds]);
  }

  /** One round: claims the due heads (of dossiers and feedback) and sends them; returns how many it claimed. No-op without a webhook. */
  drain(now: Date = new Date()): Promise<number> {
    const { portalWebhookUrl: url, portalWebhookSecret: secret } = this.config;
    if (!url || !secret || this.shutdown.signal.aborted) return Promise.resolve(0);
    const round = this.round(url, secret, now).finally(() => this.rounds.delete(round));
    this.rounds.add(round);
    return round;
  }

  /** Deletes delivered messages older than PORTAL_OUTBOX_RETENTION_DAYS, in small batches (pruneExpired). */
  pruneDelivered(now: Date = new Date()): Promise<number> {
    const before = new Date(now.getTime() - this.config.portalOutboxRetentionDays * DAY_MS);
    return pruneExpired(this.db, DELIVERED, before, this.shutdown.signal);
  }

  /** Rounds back to back while each claims a full batch (a backlog to work off); a shorter round rests first. */
  private async dispatchLoop(): Promise<void> {
    while (!this.shutdown.signal.aborted) {
      // While the database is away the round is skipped (the outage is logged once); a message
      // claimed before it went stays leased and is sent again once the lease runs out.
      const claimed = await this.drain().catch((error) => {
        skipRoundIfDatabaseAway(error, this.logger, 'outbox dispatch failed');
        return 0;
      });
      if (claimed < this.config.portalDispatchBatch) await rest(this.config.portalDispatchIntervalMs, this.shutdown.signal);
    }
  }

  private pruneLoop(): Promise<void> {
    return every(PRUNE_EVERY_MS, this.shutdown.signal, () => this.pruneDelivered(), (error) =>
      skipRoundIfDatabaseAway(error, this.logger, 'outbox pruning failed'),
    );
  }

  private async round(url: string, secret: string, now: Date): Promise<number> {
    const claimed = await this.claim(now);
    await Promise.all(claimed.map(async (m) => this.settle(m, await this.send(url, secret, m))));
    return claimed.length;
  }

  /**
   * Up to a batch of heads, pending and due, leased to this instance (CLAIM_SQL). PostgreSQL walks
   * ix_outbox_pending_due in due order and stops at the batch; "no earlier undelivered message of its
   * line" is a probe of ix_outbox_dossier_seq and one of ix_outbox_feedback_seq per candidate. Due order,
   * not seq order: the head rule already keeps each line in order, and the walk ends at now() instead of
   * passing over every message that waits out a backoff. (The old claim, in seq order, anti-joined and
   * sorted the whole backlog: ~0.6 s at 200,000 pending; see docs/operations.md.)
   */
  private async claim(now: Date): Promise<Claimed[]> {
    const leaseUntil = new Date(now.getTime() + 2 * this.config.portalRequestTimeoutMs);
    const [leased]: [{ id: string; attempts: number; payload: object; ofFeedback: boolean }[], number] = await this.db.query(CLAIM_SQL, [
      now,
      this.config.portalDispatchBatch,
      leaseUntil,
    ]);
    return leased.map((r) => ({ id: r.id, attempts: r.attempts, body: JSON.stringify(r.payload), owner: r.ofFeedback ? 'feedback_id' : 'dossier_id' }));
  }

  private async send(url: string, secret: string, m: Claimed): Promise<Attempt> {
    const headers = deliveryHeaders(m.id, m.body, secret, new Date());
    try {
      const signal = AbortSignal.any([AbortSignal.timeout(this.config.portalRequestTimeoutMs), this.shutdown.signal]);
      const res = await fetch(url, { method: 'POST', headers, body: m.body, signal });
      await res.body?.cancel();
      return { status: res.status };
    } catch (error) {
      const e = error as { name?: string; message?: string; cause?: { code?: string } };
      return { error: e.name === 'TimeoutError' ? 'timeout' : (e.cause?.code ?? e.message ?? String(error)) };
    }
  }

  /** Records the outcome, unless the lease ran out and another claim took the message meanwhile. */
  private async settle(m: Claimed, attempt: Attempt): Promise<void> {
    const outcome = outcomeOf(attempt, m.attempts, this.config.portalRetryMaxAttempts);
    this.metrics.delivery(outcome.kind);
    const now = new Date();
    const mine = 'id = $1 AND attempts = $2 AND state = $3';
    if (outcome.kind === 'delivered') {
      await this.db.query(`UPDATE outbox_message SET state = 'delivered', delivered_at = $4, last_error = NULL WHERE ${mine}`, [m.id, m.attempts, 'pending', now]);
      return;
    }
    if (outcome.kind === 'retry') {
      // The line's later messages cannot go before this one, so they wait until its retry too: while the
      // portal is down the claim then passes them over inside the index instead of probing each one every round.
      const next = new Date(now.getTime() + retryDelayMs(m.attempts, this.config.portalRetryBaseMs));
      await this.db.query(retrySql(m.owner), [m.id, m.attempts, 'pending', next, outcome.error]);
      return;
    }
    await this.db.query(`UPDATE outbox_message SET state = 'failed', last_error = $4 WHERE ${mine}`, [m.id, m.attempts, 'pending', outcome.error]);
    const line = m.owner === 'feedback_id' ? 'feedback' : 'dossier';
    this.logger.warn({ messageId: m.id, attempts: m.attempts, error: outcome.error }, `portal message failed; it blocks its ${line}'s later messages until retried`);
  }
}
