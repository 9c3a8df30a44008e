import 'reflect-metadata';
import { resolve } from 'node:path';

// `node dist/bench/cpu-per-action.js [distDir] [confirms] [rounds]`: the service's CPU time per
// `confirm` in the steady state (after 3,000 warm-up confirms), 16 connections, median of `rounds`.
// `distDir` is any build (default: this one), e.g. an older commit built in a git worktree, so two
// versions are compared on the same machine, one right after the other.
type Modules = {
  migrate: typeof import('../src/database/migrate');
  db: typeof import('./bench-database');
  fixtures: typeof import('./fixtures');
  phases: typeof import('./phases');
  service: typeof import('./service');
};

async function main(): Promise<void> {
  const dist = resolve(process.argv[2] ?? resolve(__dirname, '..'));
  const confirms = Number(process.argv[3] ?? 4000);
  const rounds = Number(process.argv[4] ?? 3);
  // The build under measure, chosen at run time.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const load = <K extends keyof Modules>(path: string): Modules[K] => require(resolve(dist, path)) as Modules[K];
  const { resolveDatabase } = load<'migrate'>('src/database/migrate');
  const { createBenchDatabase, settle } = load<'db'>('bench/bench-database');
  const { cloneDossiers, insertPrincipals } = load<'fixtures'>('bench/fixtures');
  const { confirmLoad, submitTemplate } = load<'phases'>('bench/phases');
  const { startService } = load<'service'>('bench/service');

  const server = await resolveDatabase();
  const db = await createBenchDatabase(server.url);
  try {
    const tokens = await insertPrincipals(db.url);
    const service = await startService(db.url, 16);
    try {
      const template = await submitTemplate(service, tokens, 2);
      await cloneDossiers(db.url, template, 1, 3000 + rounds * (confirms + 40) + 100);
      await settle(db.url);
      await confirmLoad(service, tokens, 16, 1, 3000);
      const cpu: number[] = [];
      const rate: number[] = [];
      for (let r = 0, from = 3001; r < rounds; r++, from += confirms + 40) {
        const before = service.cpuSeconds();
        const result = await confirmLoad(service, tokens, 16, from, confirms);
        cpu.push(((service.cpuSeconds() - before) * 1000) / result.count);
        rate.push(result.perSecond);
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      console.log(JSON.stringify({ dist, cpuMsPerAction: Number(median(cpu).toFixed(2)), rounds: cpu.map((x) => Number(x.toFixed(2))), actionsPerSecond: median(rate) }));
    } finally {
      await service.stop();
    }
  } finally {
    await db.drop();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
