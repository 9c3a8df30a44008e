import 'reflect-metadata';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveDatabase } from '../src/database/migrate';
import { createBenchDatabase, settle } from './bench-database';
import { cloneDossiers, insertPrincipals } from './fixtures';
import { confirmLoad, intakeBodies, intakeLoad, submitTemplate } from './phases';
import { startService } from './service';
import type { LoadResult } from './stats';

// `node dist/bench/perf-profile.js [count] [top] [confirm|intake]`: the service (started with
// --perf-basic-prof-only-functions, so perf can name JIT-compiled functions) under `perf record -g`
// while it takes `count` actions after 3,000 warm-up ones (or, with `intake`, `count` submissions of
// 50 workers after 1,000 warm-up ones); prints the functions with the largest
// share of samples *including* what they call (perf report --children), the view that shows which
// piece of the stack an action's time goes to. Needs Linux perf. Unlike `node --cpu-prof`
// (bench/profile.ts), it sees the kernel and V8's own work and does not misattribute writev.
async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 4000);
  const top = Number(process.argv[3] ?? 80);
  const intake = process.argv[4] === 'intake';
  const dir = mkdtempSync(join(tmpdir(), 'dvc-perf-'));
  const server = await resolveDatabase();
  const db = await createBenchDatabase(server.url);
  try {
    const tokens = await insertPrincipals(db.url);
    const service = await startService(db.url, 16, ['--perf-basic-prof-only-functions']);
    try {
      let measured: () => Promise<LoadResult>;
      if (intake) {
        await intakeLoad(service, tokens, 16, intakeBodies(1000, 50, 'warm'));
        await settle(db.url);
        const bodies = intakeBodies(count, 50, 'run');
        measured = () => intakeLoad(service, tokens, 16, bodies);
      } else {
        const template = await submitTemplate(service, tokens, 2);
        await cloneDossiers(db.url, template, 1, 3000 + count + 100);
        await settle(db.url);
        await confirmLoad(service, tokens, 16, 1, 3000);
        measured = () => confirmLoad(service, tokens, 16, 3001, count);
      }
      const data = join(dir, 'perf.data');
      const perf = spawn('perf', ['record', '-F', '1999', '-g', '-p', String(service.pid), '-o', data], { stdio: 'ignore' });
      await new Promise((r) => setTimeout(r, 500));
      const result = await measured();
      perf.kill('SIGINT');
      await new Promise((r) => perf.once('exit', r));
      console.log(`${result.count} ${intake ? 'submissions' : 'confirms'}, ${result.perSecond}/s under perf\n\nchildren % | self % | function`);
      const report = execFileSync('perf', ['report', '-i', data, '--children', '--sort', 'symbol', '--stdio', '-g', 'none'], {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      const rows = report
        .split('\n')
        .map((line) => /^\s+([\d.]+)%\s+([\d.]+)%\s+\[[.k]\]\s+(.*?)\s*(?:-\s+-\s*)?$/.exec(line))
        .filter((m): m is RegExpExecArray => m !== null);
      for (const [, children, self, fn] of rows.slice(0, top)) console.log(`${children.padStart(6)} | ${self.padStart(5)} | ${fn.replace(/^JS:[*^~]?/, '').replace(/file:\/\/|\/[^ ]*node_modules\//g, '')}`);
    } finally {
      await service.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.drop();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
