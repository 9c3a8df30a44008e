// `npm run bench:scale -- --dossiers N [--json]`: the service over a generated national year
// (bench/scale-data.ts) against the same service on an empty database, in one run: reports and the
// console's overview, the deadline pass, confirm and intake per second, a deep page of a list.
import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { newToken } from '../src/auth/tokens';
import { cursorOf } from '../src/ledger/pages';
import { createBenchDatabase, query, settle } from './bench-database';
import { signIn } from './console-overview';
import { cloneDossiers, insertPrincipals } from './fixtures';
import { checkConfirmed, confirmLoad, intakeBodies, intakeLoad, submitTemplate } from './phases';
import { generateScale, SCALE_NOW } from './scale-data';
import { type RunningService, startService } from './service';
import { percentile, round } from './stats';

const args = process.argv.slice(2);
const arg = (name: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
const DOSSIERS = Number(arg('dossiers') ?? 100_000);
const JSON_ONLY = args.includes('--json');
const SETTINGS = {
  connections: 16,
  /** Each throughput phase sends about this many seconds' worth, after a warm-up of `warmup` requests. */
  seconds: Number(process.env.BENCH_SECONDS ?? 10),
  warmup: 1000,
  intakeWorkers: 50,
  reportRounds: 3,
};

const log = (m: string) => (JSON_ONLY ? process.stderr : process.stdout).write(`[bench:scale ${new Date().toISOString().slice(11, 19)}] ${m}\n`);

interface HotPath {
  confirmPerSecond: number;
  intakePerSecond: number;
}

/** Confirms and intakes per second on `url` (which holds whatever it holds), as bench/run.ts measures them. */
async function hotPath(url: string): Promise<HotPath> {
  const tokens = await insertPrincipals(url);
  const service = await startService(url, SETTINGS.connections);
  try {
    const templateId = await submitTemplate(service, tokens, 2);
    let next = 1;
    const fresh = async (count: number) => {
      const from = next;
      next += count;
      await cloneDossiers(url, templateId, from, from + count);
      await settle(url);
      return from;
    };
    const c = SETTINGS.connections;
    const warm = await confirmLoad(service, tokens, c, await fresh(SETTINGS.warmup + 2 * c), SETTINGS.warmup);
    const amount = Math.max(c * 10, Math.round(warm.perSecond * SETTINGS.seconds));
    const from = await fresh(amount + 2 * c);
    const confirms = await confirmLoad(service, tokens, c, from, amount);
    await checkConfirmed(url, from, amount, confirms.count);
    const rate = (await intakeLoad(service, tokens, c, intakeBodies(SETTINGS.warmup, SETTINGS.intakeWorkers, 'warm'))).perSecond;
    const bodies = intakeBodies(Math.max(c * 5, Math.round(rate * SETTINGS.seconds)), SETTINGS.intakeWorkers, 'run');
    const intake = await intakeLoad(service, tokens, c, bodies);
    return { confirmPerSecond: confirms.perSecond, intakePerSecond: intake.perSecond };
  } finally {
    await service.stop();
  }
}

async function timed(url: string, headers: Record<string, string>): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url, { headers });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  return performance.now() - t0;
}

/** An admin: reports are theirs (the console's officials see a jurisdiction's share of the same queries). */
async function adminToken(url: string): Promise<string> {
  const admin = newToken();
  await query(url, `INSERT INTO principal (id, kind, name, token_hash) VALUES ($1, 'admin', 'scale-admin', $2)`, [randomUUID(), admin.hash]);
  return admin.token;
}

const PERIODS: [string, string][] = [
  ['2021-06-07', '2021-06-13'],
  ['2020-11-02', '2020-11-08'],
  ['2021-03-01', '2021-03-31'],
  ['2020-08-01', '2020-08-31'],
  ['2021-01-01', '2021-12-31'],
  ['2020-01-01', '2020-12-31'],
  ['2020-04-15', '2021-09-20'],
];

/** Each period by each grouping, for every procedure and for one. */
const SCOPES = ['unit', 'procedure', 'official', 'step'].flatMap((g) => [`groupBy=${g}`, `groupBy=${g}&procedure=wage-loan-support`]);

/** Reports of every period and scope, the console's overview of a year, page 1000 of the dossier list. */
async function reads(service: RunningService, databaseUrl: string, token: string) {
  const times: number[] = [];
  const auth = { Authorization: `Bearer ${token}` };
  for (let round = 0; round <= SETTINGS.reportRounds; round++) {
    for (const [from, to] of PERIODS) {
      for (const scope of SCOPES) {
        const ms = await timed(`${service.base}/api/v1/reports/processing?from=${from}&to=${to}&${scope}`, auth);
        if (round > 0) times.push(ms); // the first round warms the caches
      }
    }
  }
  times.sort((a, b) => a - b);
  const cookie = await signIn(service.base, token);
  const overview = `${service.base}/console/overview?period=custom&from=2021-01-01&to=2021-12-31`;
  await timed(overview, { Cookie: cookie });
  const overviewYear: number[] = [];
  for (let i = 0; i < 3; i++) overviewYear.push(await timed(overview, { Cookie: cookie }));
  // The thousandth page of ten by cursor, as a client walking the list reaches it: its cursor is the
  // 9,990th row's key (found here by SQL, which the figure does not time), next to the first page.
  const [key] = await query<{ created: string; id: string }>(
    databaseUrl,
    'SELECT created_at::text AS created, id::text AS id FROM dossier ORDER BY created_at DESC, id DESC OFFSET 9989 LIMIT 1',
  );
  const page1 = await timed(`${service.base}/api/v1/dossiers?limit=10`, auth);
  const page1000 = key ? await timed(`${service.base}/api/v1/dossiers?limit=10&cursor=${cursorOf([key.created, key.id])}`, auth) : page1;
  log(`dossiers by cursor, 10 a page: the first ${round(page1, 1)} ms, the thousandth ${round(page1000, 1)} ms`);
  return {
    reportMedianMs: round(percentile(times, 50), 1),
    reportP99Ms: round(percentile(times, 99), 1),
    overviewYearMs: round(overviewYear.sort((a, b) => a - b)[1], 1),
    listPage1000Ms: round(page1000, 1),
  };
}

function deadlinePass(url: string): Promise<{ ms: number; peakRssMb: number; scanned: number }> {
  return new Promise((done, fail) =>
    execFile(process.execPath, [join(__dirname, 'scale-pass.js'), url], (error, stdout, stderr) =>
      error ? fail(new Error(`the deadline pass failed: ${stderr}`)) : done(JSON.parse(stdout.trim().split('\n').at(-1)!)),
    ),
  );
}

async function main(): Promise<void> {
  const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const empty = await createBenchDatabase(server, 'scale_empty');
  let emptyPath: HotPath;
  try {
    log('hot path on an empty database');
    emptyPath = await hotPath(empty.url);
  } finally {
    await empty.drop();
  }
  const db = await createBenchDatabase(server, 'scale');
  try {
    log(`generating ${DOSSIERS} dossiers into ${db.name}`);
    const t0 = performance.now();
    const generated = await generateScale(db.url, DOSSIERS, log);
    const generateSeconds = round((performance.now() - t0) / 1000, 1);
    log(`generated ${JSON.stringify(generated)} in ${generateSeconds} s; deadline pass at ${SCALE_NOW.toISOString()}`);
    const pass = await deadlinePass(db.url);
    log(`deadline pass: ${JSON.stringify(pass)}`);
    const token = await adminToken(db.url);
    const service = await startService(db.url, SETTINGS.connections);
    let figures: Awaited<ReturnType<typeof reads>>;
    try {
      figures = await reads(service, db.url, token);
    } finally {
      await service.stop();
    }
    log(`reads: ${JSON.stringify(figures)}; hot path at scale`);
    const full = await hotPath(db.url);
    const result = {
      dossiers: generated.dossiers,
      events: generated.events,
      generateSeconds,
      reportMedianMs: figures.reportMedianMs,
      reportP99Ms: figures.reportP99Ms,
      overviewYearMs: figures.overviewYearMs,
      deadlinePassMs: pass.ms,
      deadlinePassPeakRssMb: pass.peakRssMb,
      confirmPerSecond: full.confirmPerSecond,
      confirmPerSecondEmpty: emptyPath.confirmPerSecond,
      intakePerSecond: full.intakePerSecond,
      intakePerSecondEmpty: emptyPath.intakePerSecond,
      listPage1000Ms: figures.listPage1000Ms,
    };
    console.log(JSON_ONLY ? JSON.stringify(result) : JSON.stringify(result, null, 2));
  } finally {
    if (!process.env.BENCH_KEEP) await db.drop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
