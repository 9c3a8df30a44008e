import { resolve } from 'node:path';
import type { Tokens } from './fixtures';
import type { RunningService } from './service';

// What cpu-per-action.js and cpu-per-intake.js share: the modules of the build under measure
// (`distDir`, chosen at run time, e.g. an older commit built in a git worktree, so two versions
// are compared on the same machine one right after the other), a fresh bench database with the
// bench's principals, and that build's service at 16 connections, all removed afterwards.
export type Modules = {
  migrate: typeof import('../src/database/migrate');
  db: typeof import('./bench-database');
  fixtures: typeof import('./fixtures');
  phases: typeof import('./phases');
  service: typeof import('./service');
};

export interface Measure {
  dist: string;
  load: <K extends keyof Modules>(path: string) => Modules[K];
  url: string;
  tokens: Tokens;
  service: RunningService;
}

export const CONNECTIONS = 16;

export async function withBuildUnderMeasure(distArg: string | undefined, run: (m: Measure) => Promise<void>): Promise<void> {
  const dist = resolve(distArg || resolve(__dirname, '..'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const load = <K extends keyof Modules>(path: string): Modules[K] => require(resolve(dist, path)) as Modules[K];
  const { resolveDatabase } = load<'migrate'>('src/database/migrate');
  const { createBenchDatabase } = load<'db'>('bench/bench-database');
  const { insertPrincipals } = load<'fixtures'>('bench/fixtures');
  const { startService } = load<'service'>('bench/service');
  const server = await resolveDatabase();
  const db = await createBenchDatabase(server.url);
  try {
    const tokens = await insertPrincipals(db.url);
    const service = await startService(db.url, CONNECTIONS);
    try {
      await run({ dist, load, url: db.url, tokens, service });
    } finally {
      await service.stop();
    }
  } finally {
    await db.drop();
    await server.stop();
  }
}

/** The service's CPU ms per answer in each round (`round` answers how many it sent), and the median rate. */
export async function cpuPerRound(service: RunningService, rounds: number, round: (r: number) => Promise<{ count: number; perSecond: number }>) {
  const cpu: number[] = [];
  const rate: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const before = service.cpuSeconds();
    const result = await round(r);
    cpu.push(((service.cpuSeconds() - before) * 1000) / result.count);
    rate.push(result.perSecond);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { cpuMs: Number(median(cpu).toFixed(2)), rounds: cpu.map((x) => Number(x.toFixed(2))), perSecond: median(rate) };
}

export function runMain(main: () => Promise<void>): void {
  main().catch((error) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  });
}
