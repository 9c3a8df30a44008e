import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ACTION_STATEMENTS, type ActionConstants, GSET_PREFIX, pgbenchScript, positional, type Statement } from './action-sql';
import { type LoadResult, summarize } from './stats';

/** pgbench on PATH or in the Debian/Ubuntu PostgreSQL folders; null when absent. */
export function findPgbench(): string | null {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, 'pgbench'))) return join(dir, 'pgbench');
  }
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  const found = versions.map((v) => join(root, v, 'bin', 'pgbench')).find((p) => existsSync(p));
  return found ?? null;
}

export interface DbLimitOptions {
  /** What each transaction sends; the confirm's statements by default. */
  statements?: Statement[];
  /** pgbench's protocol: `prepared` (named statements, planned once per connection, as the service sends them) or `extended` (unnamed, planned every time). */
  protocol?: 'prepared' | 'extended';
}

/**
 * The database's own limit: `perClient` actions per connection, each on a distinct dossier
 * bench_dossier_id(start ..), with pgbench (named prepared statements by default, as the service and
 * the floor send them) or, without it,
 * the same statements from Node clients.
 */
export function dbLimit(
  url: string, connections: number, start: number, perClient: number, constants: ActionConstants, options: DbLimitOptions = {},
): Promise<LoadResult> {
  const pgbench = findPgbench();
  const statements = options.statements ?? ACTION_STATEMENTS;
  return pgbench
    ? runPgbench(pgbench, url, connections, start, perClient, constants, statements, options.protocol ?? 'prepared')
    : runNodeClients(url, connections, start, perClient, constants, statements);
}

async function runPgbench(
  bin: string, url: string, connections: number, start: number, perClient: number, constants: ActionConstants, statements: Statement[], protocol: string,
): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'dvc-pgbench-'));
  try {
    const script = join(dir, 'action.sql');
    writeFileSync(script, pgbenchScript(statements));
    const vars = { k: '0', start: String(start), clients: String(connections), ...constants };
    const args = ['-n', '-M', protocol, '-c', String(connections), '-j', String(Math.min(connections, cpus().length)), '-t', String(perClient), '-f', script];
    for (const [name, value] of Object.entries(vars)) args.push('-D', `${name}=${value}`);
    args.push('--log', `--log-prefix=${join(dir, 'log')}`, url);
    const out = await run(bin, args);
    const processed = /number of transactions actually processed: (\d+)\/(\d+)/.exec(out);
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(out);
    if (!processed || !tps || processed[1] !== processed[2]) throw new Error(`pgbench did not complete every transaction:\n${out}`);
    const latencies: number[] = [];
    for (const file of readdirSync(dir).filter((f) => f.startsWith('log'))) {
      for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
        const fields = line.split(' ');
        if (fields.length >= 3) latencies.push(Number(fields[2]) / 1000);
      }
    }
    const count = Number(processed[1]);
    return summarize(`pgbench -M ${protocol} -c ${connections}`, connections, count, count / Number(tps[1]), latencies, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(bin: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${bin} exited ${code}:\n${out.slice(-4000)}`))));
  });
}

/** The fallback: one pg client per connection running the statements with bound parameters. */
async function runNodeClients(
  url: string, connections: number, start: number, perClient: number, constants: ActionConstants, plain: Statement[],
): Promise<LoadResult> {
  const statements = plain.map((s, i) => ({ ...s, ...positional(s.sql), name: `dbl-${i}-${s.sql.length}` }));
  const clients = await Promise.all(
    Array.from({ length: connections }, async () => {
      const c = new Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  const latencies: number[] = [];
  const began = process.hrtime.bigint();
  try {
    await Promise.all(
      clients.map(async (client, i) => {
        for (let k = 0; k < perClient; k++) {
          const vars: Record<string, unknown> = { ...constants, n: start + i + k * connections };
          const t0 = process.hrtime.bigint();
          for (const s of statements) {
            const result = await client.query({ name: s.name, text: s.text, values: s.names.map((name) => vars[name]) });
            if (s.gset) for (const [k, v] of Object.entries(result.rows[0])) vars[`${GSET_PREFIX}${k}`] = v;
            if (s.nextVersion) vars.next_version = Number(vars[`${GSET_PREFIX}version`]) + 1;
          }
          latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        }
      }),
    );
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
  const seconds = Number(process.hrtime.bigint() - began) / 1e9;
  return summarize(`node-pg clients (pgbench absent) ×${connections}`, connections, latencies.length, seconds, latencies, 0);
}
