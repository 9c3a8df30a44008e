import 'reflect-metadata';
import { CONNECTIONS, cpuPerRound, runMain, withBuildUnderMeasure } from './build-under-measure';

// `node dist/bench/cpu-per-intake.js [distDir] [intakes] [rounds] [workers]`: the service's CPU time
// per submission (POST /api/v1/dossiers of `workers` workers, 50 by default, each with a new
// portalCode) in the steady state (after 1,000 warm-up submissions), 16 connections, median of
// `rounds`. `distDir` is any build (default: this one), so two versions are compared one right after the other.
runMain(async () => {
  const intakes = Number(process.argv[3] ?? 2000);
  const rounds = Number(process.argv[4] ?? 3);
  const workers = Number(process.argv[5] ?? 50);
  await withBuildUnderMeasure(process.argv[2], async ({ dist, load, url, tokens, service }) => {
    const { settle } = load<'db'>('bench/bench-database');
    const { intakeBodies, intakeLoad } = load<'phases'>('bench/phases');
    await intakeLoad(service, tokens, CONNECTIONS, intakeBodies(1000, workers, 'warm'));
    await settle(url);
    // Each round's bodies are built before it, so the bench's own JSON work is outside it.
    const bodies = Array.from({ length: rounds }, (_, r) => intakeBodies(intakes, workers, `round${r}`));
    const m = await cpuPerRound(service, rounds, async (r) => {
      const result = await intakeLoad(service, tokens, CONNECTIONS, bodies[r]);
      if (result.count !== intakes) throw new Error(`${intakes - result.count} of ${intakes} submissions were not answered 201`);
      return result;
    });
    console.log(JSON.stringify({ dist, workers, cpuMsPerIntake: m.cpuMs, rounds: m.rounds, intakesPerSecond: m.perSecond }));
  });
});
