import 'reflect-metadata';
import { resolve } from 'node:path';

// `node dist/bench/cpu-per-intake.js [distDir] [intakes] [rounds] [workers]`: the service's CPU time
// per submission (POST /api/v1/dossiers of `workers` workers, 50 by default, each with a new
// portalCode) in the steady state (after 1,000 warm-up submissions), 16 connections, median of
// `rounds`. `distDir` is any build (default: this one), e.g. an older commit built in a git
// worktree, so two versions are compared on the same machine, one right after the other.
type Modules = {
  migrate: typeof import('../src/database/migrate');
  db: typeof import('./bench-database');
  fixtures: typeof import('./fixtures');
  phases: typeof import('./phases');
  service: typeof import('./service');
};

async function main(): Promise<void> {
  const dist = resolve(process.argv[2] ?? resolve(__dirname, '..'));
  const intakes = Number(process.argv[3] ?? 2000);
  const rounds = Number(process.argv[4] ?? 3);
  const workers = Number(process.argv[5] ?? 50);
  // The build under measure, chosen at run time.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const load = <K extends keyof Modules>(path: string): Modules[K] => require(resolve(dist, path)) as Modules[K];
  const { resolveDatabase } = load<'migrate'>('src/database/migrate');
  const { createBenchDatabase, settle } = load<'db'>('bench/bench-database');
  const { insertPrincipals } = load<'fixtures'>('bench/fixtures');
  const { intakeBodies, intakeLoad } = load<'phases'>('bench/phases');
  const { startService } = load<'service'>('bench/service');

  const server = await resolveDatabase();
  const db = await createBenchDatabase(server.url);
  try {
    const tokens = await insertPrincipals(db.url);
    const service = await startService(db.url, 16);
    try {
      await intakeLoad(service, tokens, 16, intakeBodies(1000, workers, 'warm'));
      await settle(db.url);
      const cpu: number[] = [];
      const rate: number[] = [];
      for (let r = 0; r < rounds; r++) {
        // Built before the round starts, so the bench's own JSON work is outside it.
        const bodies = intakeBodies(intakes, workers, `round${r}`);
        const before = service.cpuSeconds();
        const result = await intakeLoad(service, tokens, 16, bodies);
        if (result.count !== intakes) throw new Error(`${intakes - result.count} of ${intakes} submissions were not answered 201`);
        cpu.push(((service.cpuSeconds() - before) * 1000) / result.count);
        rate.push(result.perSecond);
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      console.log(
        JSON.stringify({ dist, workers, cpuMsPerIntake: Number(median(cpu).toFixed(2)), rounds: cpu.map((x) => Number(x.toFixed(2))), intakesPerSecond: median(rate) }),
      );
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
