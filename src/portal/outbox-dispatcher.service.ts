import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { type Attempt, outcomeOf, retryDelayMs, signature } from './delivery-policy';

/** At most this many messages (each of a different dossier) are claimed and sent together. */
const BATCH = 16;

interface Claimed {
  id: string;
  attempts: number;
  body: string;
}

/**
 * Delivers outbox messages to the portal, at least once and in order per dossier.
 *
 * A message is eligible only when every earlier message of its dossier is delivered:
 * a `failed` one blocks the later ones too, so the portal never sees a dossier's statuses
 * out of order; the admin retry (failed → pending) unblocks the line. Claiming takes the
 * rows `FOR UPDATE SKIP LOCKED` in a short transaction and sets a lease (next_attempt_at =
 * now + 2 × the request timeout) before sending outside it, so no two instances send the same
 * message at the same time; an instance killed mid-send leaves the lease to expire and
 * another picks the message up again (the portal may see it twice, with the same messageId).
 * Timing here is wall-clock time, not the business Clock.
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('OutboxDispatcher');
  private timer: NodeJS.Timeout | null = null;
  private readonly rounds = new Set<Promise<number>>();
  private readonly shutdown = new AbortController();

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.portalWebhookUrl || this.config.portalDispatchIntervalMs === 0) return;
    this.timer = setInterval(() => {
      if (this.rounds.size === 0) this.drain().catch((error) => this.logger.error({ err: error }, 'outbox dispatch failed'));
    }, this.config.portalDispatchIntervalMs);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.shutdown.abort();
    await Promise.allSettled([...this.rounds]);
  }

  /** One round: claims the due head messages and sends them; returns how many were sent. No-op without a webhook URL. */
  drain(now: Date = new Date()): Promise<number> {
    if (!this.config.portalWebhookUrl || this.shutdown.signal.aborted) return Promise.resolve(0);
    const round = this.round(this.config.portalWebhookUrl, now).finally(() => this.rounds.delete(round));
    this.rounds.add(round);
    return round;
  }

  private async round(url: string, now: Date): Promise<number> {
    const claimed = await this.claim(now);
    await Promise.all(claimed.map(async (m) => this.settle(m, await this.send(url, m))));
    return claimed.length;
  }

  /** The head message of each dossier that is pending and due, leased to this instance. */
  private claim(now: Date): Promise<Claimed[]> {
    const leaseUntil = new Date(now.getTime() + 2 * this.config.portalRequestTimeoutMs);
    return this.db.transaction(async (m) => {
      const rows: { id: string }[] = await m.query(
        `SELECT o.id FROM outbox_message o
          WHERE o.state = 'pending' AND o.next_attempt_at <= $1
            AND NOT EXISTS (SELECT 1 FROM outbox_message e
                             WHERE e.dossier_id = o.dossier_id AND e.seq < o.seq AND e.state <> 'delivered')
          ORDER BY o.seq
          LIMIT $2
          FOR UPDATE OF o SKIP LOCKED`,
        [now, BATCH],
      );
      if (rows.length === 0) return [];
      const [leased]: [{ id: string; attempts: number; payload: object }[], number] = await m.query(
        `UPDATE outbox_message SET attempts = attempts + 1, next_attempt_at = $2
          WHERE id = ANY($1::uuid[]) RETURNING id, attempts, payload`,
        [rows.map((r) => r.id), leaseUntil],
      );
      return leased.map((r) => ({ id: r.id, attempts: r.attempts, body: JSON.stringify(r.payload) }));
    });
  }

  private async send(url: string, m: Claimed): Promise<Attempt> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8', 'X-Message-Id': m.id };
    if (this.config.portalWebhookSecret) headers['X-Signature'] = signature(m.body, this.config.portalWebhookSecret);
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
    const now = new Date();
    const mine = 'id = $1 AND attempts = $2 AND state = $3';
    if (outcome.kind === 'delivered') {
      await this.db.query(`UPDATE outbox_message SET state = 'delivered', delivered_at = $4, last_error = NULL WHERE ${mine}`, [m.id, m.attempts, 'pending', now]);
      return;
    }
    if (outcome.kind === 'retry') {
      const next = new Date(now.getTime() + retryDelayMs(m.attempts, this.config.portalRetryBaseMs));
      await this.db.query(`UPDATE outbox_message SET next_attempt_at = $4, last_error = $5 WHERE ${mine}`, [m.id, m.attempts, 'pending', next, outcome.error]);
      return;
    }
    await this.db.query(`UPDATE outbox_message SET state = 'failed', last_error = $4 WHERE ${mine}`, [m.id, m.attempts, 'pending', outcome.error]);
    this.logger.warn({ messageId: m.id, attempts: m.attempts, error: outcome.error }, 'portal message failed; it blocks its dossier\'s later messages until retried');
  }
}
