import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { ActionConstants } from './action-sql';

/** The environment the service runs under in the bench; docs/benchmarks.md repeats it. */
export function serviceEnv(databaseUrl: string, port: number, poolSize: number): Record<string, string> {
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    DB_POOL_SIZE: String(poolSize),
    // The deadline pass has its own figure (5); it must not fire in the middle of (2).
    DEADLINE_CHECK_CRON: '0 0 3 1 1 *',
    // The bench submits dossiers of the 2020 programme on today's clock.
    SUBMISSION_MAX_AGE_DAYS: '36500',
  };
}

export interface RunningService {
  base: string;
  pid: number;
  /** Peak resident set size so far, in MiB (VmHWM of /proc/<pid>/status). */
  peakRssMiB(): number;
  /** CPU time used so far (user + system), in seconds, from /proc/<pid>/stat (clock ticks of 1/100 s). */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  // A shared machine may hand each user a port of their own (one service runs at a time).
  if (process.env.BENCH_PORT) return Promise.resolve(Number(process.env.BENCH_PORT));
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** `node [nodeArgs] dist/main.js` (the built service beside dist/bench/) until /health answers 200. */
export function startService(databaseUrl: string, poolSize: number, nodeArgs: string[] = []): Promise<RunningService> {
  return startServer(join(__dirname, '..', 'src', 'main.js'), nodeArgs, (port) => serviceEnv(databaseUrl, port, poolSize));
}

/** The floor (bench/floor-server.ts) with the service's pool size, writing the values the service wrote. */
export function startFloor(databaseUrl: string, poolSize: number, constants: ActionConstants): Promise<RunningService> {
  return startServer(join(__dirname, 'floor-server.js'), [], (port) => ({
    ...serviceEnv(databaseUrl, port, poolSize),
    FLOOR_CONSTANTS: JSON.stringify(constants),
  }));
}

async function startServer(script: string, nodeArgs: string[], env: (port: number) => Record<string, string>): Promise<RunningService> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, script], {
    env: { ...process.env, ...env(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-20_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const base = `http://127.0.0.1:${port}`;
  await waitForHealth(base, child, () => output);
  return {
    base,
    pid: child.pid!,
    peakRssMiB: () => {
      const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      return kb ? Math.round(Number(kb[1]) / 1024) : NaN;
    },
    cpuSeconds: () => {
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    },
    stop: () => stop(child),
  };
}

async function waitForHealth(base: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the service exited (${child.exitCode}):\n${output()}`);
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`the service did not become healthy in 60 s:\n${output()}`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
