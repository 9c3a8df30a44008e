import { Injectable, Logger } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-error';

/** The route label of a request no route matched. */
export const UNMATCHED = 'unmatched';

/** An action's result as the caller saw it: done, a replay of an earlier answer, refused (4xx), or failed (5xx). */
export type ActionOutcome = 'ok' | 'replayed' | 'refused' | 'error';

/**
 * prom-client's counts of active handles, requests and resources: gauges named `*_total`, which the
 * exposition format keeps for counters (`promtool check metrics` refuses them). Each is the sum of
 * its per-type gauge (`sum without (type) (nodejs_active_handles)`), which stays.
 */
export const DROPPED_DEFAULT_METRICS = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];

// Process metrics are the process's, whatever number of Nest applications it runs (tests run several).
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
    for (const name of DROPPED_DEFAULT_METRICS) processRegistry.removeSingleMetric(name);
  }
  return processRegistry;
}

// One statement for every database gauge; each part walks a partial index (docs/operations.md has the plans).
const DATABASE_GAUGES_SQL = `
  WITH pending AS (SELECT count(*)::int AS n, min(created_at) AS oldest FROM outbox_message WHERE state = 'pending'),
       failed AS (SELECT count(*)::int AS n FROM outbox_message WHERE state = 'failed'),
       alerts AS (
         SELECT count(*) FILTER (WHERE subject_type = 'dossier' AND kind = 'near-due')::int AS "dossierNearDue",
                count(*) FILTER (WHERE subject_type = 'dossier' AND kind = 'overdue')::int AS "dossierOverdue",
                count(*) FILTER (WHERE subject_type = 'feedback' AND kind = 'near-due')::int AS "feedbackNearDue",
                count(*) FILTER (WHERE subject_type = 'feedback' AND kind = 'overdue')::int AS "feedbackOverdue"
           FROM deadline_alert WHERE closed_at IS NULL)
  SELECT pending.n AS pending, pending.oldest AS "oldestPending", failed.n AS failed, alerts.*
    FROM pending, failed, alerts`;

interface DatabaseGauges {
  pending: number;
  oldestPending: Date | null;
  failed: number;
  dossierNearDue: number;
  dossierOverdue: number;
  feedbackNearDue: number;
  feedbackOverdue: number;
}

/** The pg pool TypeORM keeps (its driver's `master`); only the counters read here. */
interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options: { max: number };
}

/**
 * The service's Prometheus metrics. Counters and histograms are updated where things happen (one
 * increment per action, per delivery, per deadline pass, per HTTP request); what lives in PostgreSQL
 * (outbox backlog, open alerts) is read at scrape time with one statement, and the pool's counters
 * are read from the pool.
 */
@Injectable()
export class Metrics {
  private readonly logger = new Logger('Metrics');
  readonly registry = new Registry();

  private readonly httpDuration = new Histogram({
    name: 'dvc_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status code, and how long they took',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly actions = new Counter({
    name: 'dvc_dossier_actions_total',
    help: 'Dossier submissions and actions by procedure, action and outcome (ok, replayed, refused, error); kind is the refusal\'s error kind',
    labelNames: ['procedure', 'action', 'outcome', 'kind'] as const,
    registers: [this.registry],
  });

  private readonly deliveries = new Counter({
    name: 'dvc_outbox_deliveries_total',
    help: 'Delivery attempts to the portal by outcome: delivered, retry (to be sent again) or failed (given up; blocks its dossier)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  private readonly deadlinePass = new Histogram({
    name: 'dvc_deadline_pass_duration_seconds',
    help: 'Scheduled deadline passes by result (completed, skipped: another instance held the pass, failed) and how long they took',
    labelNames: ['result'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [this.registry],
  });

  private readonly deadlinePassCompleted = new Gauge({
    name: 'dvc_deadline_pass_last_completed_timestamp_seconds',
    help: 'When this instance last completed a deadline pass (Unix time); 0 before its first',
    registers: [this.registry],
  });

  private readonly outboxPending = new Gauge({ name: 'dvc_outbox_pending_messages', help: 'Outbox messages waiting to be delivered', registers: [this.registry] });
  private readonly outboxFailed = new Gauge({ name: 'dvc_outbox_failed_messages', help: 'Outbox messages given up on; each blocks its dossier\'s (or feedback\'s) later messages until an admin retries it', registers: [this.registry] });
  private readonly outboxOldestPending = new Gauge({ name: 'dvc_outbox_oldest_pending_age_seconds', help: 'Age of the oldest pending outbox message; 0 when none is pending', registers: [this.registry] });
  private readonly alertsOpen = new Gauge({
    name: 'dvc_deadline_alerts_open',
    help: 'Open deadline alerts by kind (near-due, overdue) and subject (dossier, feedback)',
    labelNames: ['kind', 'subject'] as const,
    registers: [this.registry],
  });
  private readonly databaseUp = new Gauge({ name: 'dvc_metrics_database_up', help: '1 when this scrape read the database gauges; 0 when it could not, and they hold the last figures read', registers: [this.registry] });
  private readonly poolInUse = new Gauge({ name: 'dvc_db_pool_connections_in_use', help: 'PostgreSQL pool connections checked out by queries', registers: [this.registry] });
  private readonly poolIdle = new Gauge({ name: 'dvc_db_pool_connections_idle', help: 'PostgreSQL pool connections open and idle', registers: [this.registry] });
  private readonly poolWaiting = new Gauge({ name: 'dvc_db_pool_waiting_requests', help: 'Queries waiting for a pool connection (the pool is exhausted when this stays above 0)', registers: [this.registry] });
  private readonly poolMax = new Gauge({ name: 'dvc_db_pool_connections_max', help: 'The pool\'s size (DB_POOL_SIZE)', registers: [this.registry] });

  constructor(private readonly db: DataSource) {}

  action(procedure: string, action: string, outcome: ActionOutcome, kind = ''): void {
    this.actions.inc({ procedure, action, outcome, kind });
  }

  /** A refused or failed action: DomainErrors are refusals (by kind), anything else an error. */
  actionFailed(procedure: string, action: string, error: unknown): void {
    if (error instanceof DomainError) this.action(procedure, action, error.kind === 'unavailable' ? 'error' : 'refused', error.kind);
    else this.action(procedure, action, 'error');
  }

  delivery(outcome: 'delivered' | 'retry' | 'failed'): void {
    this.deliveries.inc({ outcome });
  }

  deadlinePassRan(result: 'completed' | 'skipped' | 'failed', seconds: number, at: Date): void {
    this.deadlinePass.observe({ result }, seconds);
    if (result === 'completed') this.deadlinePassCompleted.set(at.getTime() / 1000);
  }

  /**
   * Times every answer Fastify sends, labelled with the route pattern it matched (UNMATCHED when none
   * did), those refused by a hook or a guard before the handler included. One shared hook: nothing
   * is allocated per request but prom-client's labels.
   */
  observeHttp(fastify: FastifyInstance): void {
    const histogram = this.httpDuration;
    fastify.addHook('onResponse', (request, reply, done) => {
      histogram.observe({ method: request.method, route: request.routeOptions.url ?? UNMATCHED, status_code: reply.statusCode }, reply.elapsedTime / 1000);
      done();
    });
  }

  /** The exposition text: process metrics, then the service's, with the database gauges read now. */
  async scrape(now: Date = new Date()): Promise<string> {
    await this.readDatabase(now);
    this.readPool();
    return (await processMetrics().metrics()) + (await this.registry.metrics());
  }

  private async readDatabase(now: Date): Promise<void> {
    try {
      const [g]: DatabaseGauges[] = await this.db.query(DATABASE_GAUGES_SQL);
      this.outboxPending.set(g.pending);
      this.outboxFailed.set(g.failed);
      this.outboxOldestPending.set(g.oldestPending ? Math.max(0, (now.getTime() - new Date(g.oldestPending).getTime()) / 1000) : 0);
      this.alertsOpen.set({ kind: 'near-due', subject: 'dossier' }, g.dossierNearDue);
      this.alertsOpen.set({ kind: 'overdue', subject: 'dossier' }, g.dossierOverdue);
      this.alertsOpen.set({ kind: 'near-due', subject: 'feedback' }, g.feedbackNearDue);
      this.alertsOpen.set({ kind: 'overdue', subject: 'feedback' }, g.feedbackOverdue);
      this.databaseUp.set(1);
    } catch (error) {
      // The gauges keep the last figures read (a 0 would hide a failed message); up = 0 says they are stale.
      this.databaseUp.set(0);
      this.logger.warn({ err: error }, 'metrics: the database gauges could not be read');
    }
  }

  private readPool(): void {
    const pool = (this.db.driver as unknown as { master?: PgPool }).master;
    if (!pool) return;
    this.poolInUse.set(pool.totalCount - pool.idleCount);
    this.poolIdle.set(pool.idleCount);
    this.poolWaiting.set(pool.waitingCount);
    this.poolMax.set(pool.options.max);
  }
}
