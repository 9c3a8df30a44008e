import type { LoggerService } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';

/**
 * SIGTERM or SIGINT: stop listening (new connections are refused, new requests on kept-alive ones
 * get 503), let the requests in flight finish for up to `graceMs`, stop the schedulers, the outbox
 * dispatcher and the pool (Nest's shutdown), and only then the embedded PostgreSQL, which the
 * requests needed to the end. Exits 0, or 1 when the grace period cut requests off.
 */
export function stopOnSignals(app: INestApplication, db: { embedded: boolean; stop(): Promise<void> }, graceMs: number, log: LoggerService): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const started = Date.now();
    log.log({ signal, graceMs }, 'shutting down: finishing the requests in flight');
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'grace-over'>((done) => (timer = setTimeout(() => done('grace-over'), graceMs)));
    const outcome = await Promise.race([app.close().then(() => 'closed' as const), graceOver]);
    clearTimeout(timer);
    if (outcome === 'grace-over') log.warn?.({ graceMs }, 'shutdown grace period over: requests still in flight are cut off');
    await db.stop();
    log.log({ ms: Date.now() - started, embeddedDatabaseStopped: db.embedded }, 'stopped');
    process.exit(outcome === 'closed' ? 0 : 1);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
