import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { resolveDatabase } from '../src/database/migrate';
import type { ActionConstants } from './action-sql';
import { createBenchDatabase, query, settle } from './bench-database';
import type { DeadlinePassBench } from './deadline-pass';
import { dbLimit, findPgbench } from './db-limit';
import { cloneDossiers, insertPrincipals } from './fixtures';
import { actionConstants, checkConfirmed, confirmLoad, intakeBodies, intakeLoad, submitTemplate } from './phases';
import { type BenchFigures, writeReport } from './report';
import { type RunningService, serviceEnv, startFloor, startService } from './service';

// `npm run bench` (BENCH_QUICK=1: a smoke run of a few seconds per phase).
const QUICK = process.env.BENCH_QUICK === '1';
const SETTINGS = {
  quick: QUICK,
  /** HTTP connections of (2) = pgbench clients of (1) = the service's DB_POOL_SIZE. */
  connections: [16, 64],
  /** Each measured phase sends about this many seconds' worth (sized from its warm-up rate). */
  seconds: Number(process.env.BENCH_SECONDS ?? (QUICK ? 3 : 20)),
  /** Requests before each measured service phase: the JIT needs thousands to settle (fewer measured it, not the service). */
  serviceWarmup: QUICK ? 500 : 3000,
  /** Transactions per pgbench client before its measured phase (no JIT: only caches). */
  databaseWarmupPerClient: QUICK ? 5 : 25,
  templateWorkers: 2,
  intakeConnections: 16,
  intakeWorkers: 50,
  intakeWarmup: QUICK ? 100 : 1000,
  deadlineDossiers: QUICK ? 10_000 : 1_000_000,
};

const round2 = (x: number) => Math.round(x * 100) / 100;

function log(message: string): void {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

async function main(): Promise<void> {
  const server = await resolveDatabase();
  const db = await createBenchDatabase(server.url);
  log(`database ${db.name} (${server.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'}); pgbench: ${findPgbench() ?? 'absent, Node clients instead'}`);
  try {
    const figures = await measure(db.url);
    figures.deadlinePass = await runDeadlinePass(server.url);
    figures.machine.database = `${server.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL server'}, fresh database dvc_bench_<ts>, dropped afterwards`;
    writeReport(figures, resolve('bench/results/latest.json'), resolve('docs/benchmarks.md'));
    log('wrote docs/benchmarks.md and bench/results/latest.json');
    for (const a of figures.actions) {
      log(`c=${a.connections}: service ${a.service.perSecond}/s, floor ${a.floor.perSecond}/s, database ${a.database.perSecond}/s, service ÷ floor ${a.floorRatio.toFixed(2)}, service ÷ database ${a.ratio.toFixed(2)}, RSS ${a.servicePeakRssMiB} MiB`);
    }
  } finally {
    await db.drop();
    await server.stop();
  }
}

async function measure(url: string): Promise<BenchFigures> {
  const tokens = await insertPrincipals(url);
  let templateId = '';
  let nextOrdinal = 1;
  /** Copies `count` fresh dossiers at insurance-confirmation; returns the first ordinal. */
  const fresh = async (count: number) => {
    const from = nextOrdinal;
    nextOrdinal += count;
    await cloneDossiers(url, templateId, from, from + count);
    await settle(url);
    return from;
  };
  let constants: ActionConstants | undefined;
  const actions: BenchFigures['actions'] = [];
  let intake: BenchFigures['intake'] = null;

  /** `amount` confirms against `server` after a warm-up of its own: the rate, latencies and the server's CPU per confirm. */
  const measureConfirms = async (server: RunningService, c: number, what: string, chained: boolean) => {
    // Spare dossiers: autocannon may prepare a request per connection it never sends.
    const warmupCount = Math.max(SETTINGS.serviceWarmup, c * 25);
    const warm = await confirmLoad(server, tokens, c, await fresh(warmupCount + 2 * c), warmupCount);
    const amount = Math.max(c * 10, Math.round(warm.perSecond * SETTINGS.seconds));
    const from = await fresh(amount + 2 * c);
    log(`${what} c=${c}: warm-up ${warm.perSecond}/s; measuring ${amount} confirms`);
    const cpu = { server: server.cpuSeconds(), generator: process.cpuUsage() };
    const measured = await confirmLoad(server, tokens, c, from, amount);
    const generator = process.cpuUsage(cpu.generator);
    const cpuMsPerAction = round2(((server.cpuSeconds() - cpu.server) * 1000) / measured.count);
    const generatorCpuMsPerAction = round2((generator.user + generator.system) / 1000 / measured.count);
    const rss = server.peakRssMiB();
    const confirmed = await checkConfirmed(url, from, amount, measured.count, chained);
    return { measured, cpuMsPerAction, generatorCpuMsPerAction, rss, confirmed };
  };

  for (const c of SETTINGS.connections) {
    const service = await startService(url, c);
    let run: Awaited<ReturnType<typeof measureConfirms>>;
    try {
      if (!templateId) templateId = await submitTemplate(service, tokens, SETTINGS.templateWorkers);
      run = await measureConfirms(service, c, 'service', true);
      constants ??= await actionConstants(url, run.confirmed);

      if (c === SETTINGS.intakeConnections) {
        const rate = (await intakeLoad(service, tokens, c, intakeBodies(SETTINGS.intakeWarmup, SETTINGS.intakeWorkers, 'warm'))).perSecond;
        const bodies = intakeBodies(Math.max(c * 5, Math.round(rate * SETTINGS.seconds)), SETTINGS.intakeWorkers, 'run');
        await settle(url);
        log(`intake: warm-up ${rate}/s; measuring ${bodies.length} submissions of ${SETTINGS.intakeWorkers} workers`);
        const result = await intakeLoad(service, tokens, c, bodies);
        intake = { ...result, workersPerDossier: SETTINGS.intakeWorkers, servicePeakRssMiB: service.peakRssMiB() };
      }
    } finally {
      await service.stop();
    }

    if (!constants) throw new Error('no confirmed dossier to read the written values from');
    // The floor: the same statements from a bare node:http + pg server, same load generator and connections.
    const floorServer = await startFloor(url, c, constants);
    let floor: Awaited<ReturnType<typeof measureConfirms>>;
    try {
      floor = await measureConfirms(floorServer, c, 'floor', false);
    } finally {
      await floorServer.stop();
    }

    // The database's own limit, with the same number of connections, no server running.
    const warmDb = await dbLimit(url, c, await fresh(c * SETTINGS.databaseWarmupPerClient), SETTINGS.databaseWarmupPerClient, constants);
    const perClient = Math.max(10, Math.ceil((warmDb.perSecond * SETTINGS.seconds) / c));
    log(`database c=${c}: warm-up ${warmDb.perSecond}/s; measuring ${perClient * c} transactions`);
    const database = await dbLimit(url, c, await fresh(perClient * c), perClient, constants);
    actions.push({
      connections: c,
      service: run.measured,
      floor: floor.measured,
      database,
      ratio: run.measured.perSecond / database.perSecond,
      floorRatio: run.measured.perSecond / floor.measured.perSecond,
      servicePeakRssMiB: run.rss,
      serviceCpuMsPerAction: run.cpuMsPerAction,
      floorCpuMsPerAction: floor.cpuMsPerAction,
      loadGeneratorCpuMsPerAction: run.generatorCpuMsPerAction,
    });
  }

  const [{ version }] = await query<{ version: string }>(url, 'SELECT version()');
  const pgSettings = await query<{ name: string; setting: string; unit: string | null }>(
    url,
    `SELECT name, setting, unit FROM pg_settings WHERE name IN ('max_connections', 'shared_buffers', 'synchronous_commit', 'fsync', 'wal_level', 'max_wal_size')`,
  );
  return {
    date: new Date().toISOString(),
    quick: QUICK,
    machine: {
      cpuModel: cpus()[0]?.model ?? 'unknown',
      cpuCount: cpus().length,
      node: process.version,
      postgres: version,
      postgresSettings: Object.fromEntries(pgSettings.map((s) => [s.name, `${s.setting}${s.unit ?? ''}`])),
      database: '',
    },
    settings: {
      ...SETTINGS,
      serviceEnv: { ...serviceEnv('<bench db>', 0, 0), PORT: '<free port>', DB_POOL_SIZE: '<connections>' },
      databaseLimit: findPgbench() ? 'pgbench -M prepared (named statements, as the service and the floor), -j min(c, CPUs), bench/action-sql.ts' : 'node-pg clients, bench/action-sql.ts',
    },
    actions,
    intake,
    deadlinePass: null,
  };
}

/** (5): bench/deadline-pass.js in a child process, so its peak RSS is its own and not the load generator's. */
async function runDeadlinePass(serverUrl: string): Promise<BenchFigures['deadlinePass']> {
  const file = join(__dirname, 'deadline-pass.js');
  if (!existsSync(file)) {
    log('bench/deadline-pass.ts is absent: (5) left as TODO');
    return null;
  }
  log(`deadline pass over ${SETTINGS.deadlineDossiers} dossiers`);
  const began = Date.now();
  const out = await new Promise<string>((done, fail) => {
    execFile(process.execPath, [file, String(SETTINGS.deadlineDossiers)], { env: { ...process.env, DATABASE_URL: serverUrl }, maxBuffer: 1 << 24 }, (error, stdout, stderr) =>
      error ? fail(new Error(`deadline-pass failed: ${error.message}\n${stderr}`)) : done(stdout),
    );
  });
  const result = JSON.parse(out.slice(out.lastIndexOf('{\n'))) as DeadlinePassBench;
  return { dossiers: SETTINGS.deadlineDossiers, seconds: (Date.now() - began) / 1000, result };
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
