import 'reflect-metadata';
import { CONNECTIONS, cpuPerRound, runMain, withBuildUnderMeasure } from './build-under-measure';

// `node dist/bench/cpu-per-action.js [distDir] [confirms] [rounds]`: the service's CPU time per
// `confirm` in the steady state (after 3,000 warm-up confirms), 16 connections, median of `rounds`.
// `distDir` is any build (default: this one), so two versions are compared one right after the other.
runMain(async () => {
  const confirms = Number(process.argv[3] ?? 4000);
  const rounds = Number(process.argv[4] ?? 3);
  await withBuildUnderMeasure(process.argv[2], async ({ dist, load, url, tokens, service }) => {
    const { settle } = load<'db'>('bench/bench-database');
    const { cloneDossiers } = load<'fixtures'>('bench/fixtures');
    const { confirmLoad, submitTemplate } = load<'phases'>('bench/phases');
    const template = await submitTemplate(service, tokens, 2);
    await cloneDossiers(url, template, 1, 3000 + rounds * (confirms + 40) + 100);
    await settle(url);
    await confirmLoad(service, tokens, CONNECTIONS, 1, 3000);
    const m = await cpuPerRound(service, rounds, (r) => confirmLoad(service, tokens, CONNECTIONS, 3001 + r * (confirms + 40), confirms));
    console.log(JSON.stringify({ dist, cpuMsPerAction: m.cpuMs, rounds: m.rounds, actionsPerSecond: m.perSecond }));
  });
});
