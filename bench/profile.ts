import 'reflect-metadata';
import { mkdirSync, rmSync } from 'node:fs';
import { resolveDatabase } from '../src/database/migrate';
import { createBenchDatabase, settle } from './bench-database';
import { byOwner, selfTimes } from './cpu-profile';
import { cloneDossiers, insertPrincipals } from './fixtures';
import { confirmLoad, submitTemplate } from './phases';
import { startService } from './service';

// `node dist/bench/profile.js [confirms] [connections]`: the service under `node --cpu-prof`
// while it takes `confirms` actions on distinct dossiers; prints the top self-time functions.
const PROFILE_DIR = process.env.PROFILE_DIR ?? '/tmp/prof';

async function main(): Promise<void> {
  const confirms = Number(process.argv[2] ?? 3000);
  const connections = Number(process.argv[3] ?? 16);
  const server = await resolveDatabase();
  const db = await createBenchDatabase(server.url);
  rmSync(PROFILE_DIR, { recursive: true, force: true });
  mkdirSync(PROFILE_DIR, { recursive: true });
  try {
    const tokens = await insertPrincipals(db.url);
    const service = await startService(db.url, connections, ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`]);
    try {
      const template = await submitTemplate(service, tokens, 2);
      await cloneDossiers(db.url, template, 1, confirms + 2 * connections + 1);
      await settle(db.url);
      const result = await confirmLoad(service, tokens, connections, 1, confirms);
      console.log(`${result.count} confirms, ${result.perSecond}/s, p50 ${result.p50} ms, p99 ${result.p99} ms (slowed by the profiler)`);
    } finally {
      await service.stop();
    }
    const { totalMs, rows } = selfTimes(PROFILE_DIR);
    console.log(`\nsampled ${totalMs} ms (startup included); top self time:\nself % | function | where`);
    for (const r of rows.slice(0, 30)) console.log(`${r.percent.toFixed(1).padStart(6)} | ${r.fn} | ${r.where}`);
    console.log('\nby owner:');
    for (const o of byOwner(rows).slice(0, 15)) console.log(`${o.percent.toFixed(1).padStart(6)} % ${o.owner}`);
  } finally {
    await db.drop();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
