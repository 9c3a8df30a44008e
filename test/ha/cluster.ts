import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);
const SCRIPT = resolve(__dirname, '../../deploy/ha/cluster.sh');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** deploy/ha/cluster.sh COMMAND…, asynchronously (the stream of actions keeps running); its stdout, trimmed. */
export async function cluster(...args: string[]): Promise<string> {
  const { stdout } = await run(SCRIPT, args, { maxBuffer: 1 << 20, timeout: 180_000 });
  return stdout.trim();
}

/** The primary's and the replica's HAProxy ports, from `cluster.sh env`, for database `name`. */
export async function clusterUrls(name: string): Promise<{ primary: string; replica: string }> {
  const env = Object.fromEntries((await cluster('env')).split('\n').map((l) => l.split('=', 2) as [string, string]));
  const on = (url: string) => url.replace(/\/[^/]*$/, `/${name}`);
  return { primary: on(env.DATABASE_URL), replica: on(env.DATABASE_READ_URL) };
}

/** Drops and creates database `name` on the server of `url` (the previous run's, if any, goes). */
export async function freshDatabase(url: string, name: string): Promise<void> {
  const admin = new Client({ connectionString: url.replace(/\/[^/]*$/, '/postgres'), connectionTimeoutMillis: 5000 });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
}

/**
 * The replica's replay lag as a reader sees it, sampled every `everyMs` until `stop`: 0 when all it
 * received is replayed, else the age of its last replayed commit.
 */
export async function sampleReplicaLag(url: string, everyMs: number, stop: AbortSignal): Promise<number[]> {
  const samples: number[] = [];
  let c: Client | null = null;
  while (!stop.aborted) {
    try {
      if (!c) {
        c = new Client({ connectionString: url, connectionTimeoutMillis: 1000, query_timeout: 2000 });
        c.on('error', () => undefined);
        await c.connect();
      }
      const { rows } = await c.query(`SELECT pg_is_in_recovery() AS standby,
        CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
             ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp()) * 1000 END AS ms`);
      if (rows[0].standby && rows[0].ms !== null) samples.push(Number(rows[0].ms));
    } catch {
      await c?.end().catch(() => undefined);
      c = null;
    }
    await sleep(everyMs);
  }
  await c?.end().catch(() => undefined);
  return samples;
}
