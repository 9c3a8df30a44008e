import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { skipRoundIfDatabaseAway } from '../common/database-outage';
import { APP_CONFIG } from '../config/config.module';
import { every, pruneExpired, type Retention } from '../database/retention';

const DAY_MS = 24 * 60 * 60_000;
const PRUNE_EVERY_MS = 60_000;
const EXPIRED_KEYS: Retention = { table: 'idempotency_key', key: 'principal_id, key', expired: 'created_at < $1', oldestFirst: 'created_at' };

/**
 * Deletes stored Idempotency-Key answers after IDEMPOTENCY_RETENTION_DAYS: each holds a whole dossier
 * answer (personal data), and a client retries within minutes, not weeks. A key used again after
 * that is a new request. Every instance prunes once a minute; SKIP LOCKED keeps them apart.
 */
@Injectable()
export class IdempotencyRetention implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('IdempotencyRetention');
  private readonly shutdown = new AbortController();
  private loop?: Promise<void>;

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.loop = every(PRUNE_EVERY_MS, this.shutdown.signal, () => this.prune(), (error) =>
      skipRoundIfDatabaseAway(error, this.logger, 'Idempotency-Key pruning failed'),
    );
  }

  async onModuleDestroy(): Promise<void> {
    this.shutdown.abort();
    await this.loop;
  }

  /** Deletes the answers stored before now − IDEMPOTENCY_RETENTION_DAYS; returns how many. */
  prune(now: Date = new Date()): Promise<number> {
    const before = new Date(now.getTime() - this.config.idempotencyRetentionDays * DAY_MS);
    return pruneExpired(this.db, EXPIRED_KEYS, before, this.shutdown.signal);
  }
}
