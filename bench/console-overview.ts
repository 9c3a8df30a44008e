// Benchmark of the supervision console's overview page: `count` dossiers of 2020 (the processing
// report bench's data), the built service as a child process, an admin signed in to the console;
// the time to answer GET /console/overview (two reports and eight weekly ones, rendered) for a week,
// a month and the whole year.
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/data-source';
import { newToken } from '../src/auth/tokens';
import { createBenchDatabase, runFromCommandLine } from './bench-database';
import { seed } from './processing-report';
import { startService } from './service';
import { round } from './stats';

export interface ConsoleOverviewBench {
  count: number;
  /** Milliseconds per page, over `rounds` requests each: median and worst. */
  weekMedianMs: number;
  weekMaxMs: number;
  monthMedianMs: number;
  monthMaxMs: number;
  yearMedianMs: number;
  rounds: number;
}

const PERIODS = {
  week: 'period=custom&from=2020-06-01&to=2020-06-07',
  month: 'period=custom&from=2020-06-01&to=2020-06-30',
  year: 'period=custom&from=2020-01-01&to=2020-12-31',
};

export async function signIn(base: string, token: string): Promise<string> {
  const form = await fetch(`${base}/console/sign-in`);
  const pre = (form.headers.get('set-cookie') ?? '').split(';')[0];
  const csrf = /name="csrf" value="([^"]+)"/.exec(await form.text())![1];
  const res = await fetch(`${base}/console/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: pre },
    body: new URLSearchParams({ csrf, token, next: '/console/overview' }).toString(),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith('dvc_console='));
  if (!session) throw new Error(`console sign-in failed: ${res.status}`);
  return session.split(';')[0];
}

async function timePage(url: string, cookie: string, rounds: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers: { Cookie: cookie } });
    const body = await res.text();
    if (res.status !== 200 || !body.includes('data-key="total"')) throw new Error(`overview answered ${res.status}`);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}

export async function benchConsoleOverview(databaseUrl: string, count = 100_000, rounds = 5): Promise<ConsoleOverviewBench> {
  const bench = await createBenchDatabase(databaseUrl, 'dvc_bench_console');
  try {
    const db = await new DataSource(dataSourceOptions(bench.url, { extra: { max: 2 } })).initialize();
    const admin = newToken();
    try {
      await seed(db, count);
      await db.query(`INSERT INTO principal (id, kind, name, token_hash) VALUES ($1, 'admin', 'bench-admin', $2)`, [randomUUID(), admin.hash]);
    } finally {
      await db.destroy();
    }
    const service = await startService(bench.url, 10);
    try {
      const cookie = await signIn(service.base, admin.token);
      const page = (q: string) => `${service.base}/console/overview?${q}`;
      await timePage(page(PERIODS.month), cookie, 2); // warm the caches and the JIT
      const week = await timePage(page(PERIODS.week), cookie, rounds);
      const month = await timePage(page(PERIODS.month), cookie, rounds);
      const year = await timePage(page(PERIODS.year), cookie, rounds);
      const median = (t: number[]) => round(t[Math.floor(t.length / 2)], 1);
      return {
        count,
        weekMedianMs: median(week),
        weekMaxMs: round(week.at(-1)!, 1),
        monthMedianMs: median(month),
        monthMaxMs: round(month.at(-1)!, 1),
        yearMedianMs: median(year),
        rounds,
      };
    } finally {
      await service.stop();
    }
  } finally {
    await bench.drop();
  }
}

// `node dist/bench/console-overview.js [count]` with DATABASE_URL pointing at any database of the server.
if (require.main === module) runFromCommandLine(benchConsoleOverview, 100_000);
