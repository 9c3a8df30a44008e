import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DeadlinePassBench } from './deadline-pass';
import type { LoadResult } from './stats';

export interface BenchFigures {
  date: string;
  quick: boolean;
  machine: { cpuModel: string; cpuCount: number; node: string; postgres: string; postgresSettings: Record<string, string>; database: string };
  settings: Record<string, unknown>;
  actions: {
    connections: number;
    service: LoadResult;
    /** The bare node:http + pg server doing the same statements (bench/floor-server.ts). */
    floor: LoadResult;
    database: LoadResult;
    /** service ÷ database (pgbench). */
    ratio: number;
    /** service ÷ floor. */
    floorRatio: number;
    servicePeakRssMiB: number;
    /** CPU time per answered action: the service process, the floor process, and the bench process running autocannon. */
    serviceCpuMsPerAction: number;
    floorCpuMsPerAction: number;
    loadGeneratorCpuMsPerAction: number;
  }[];
  intake: (LoadResult & { workersPerDossier: number; servicePeakRssMiB: number }) | null;
  deadlinePass: { dossiers: number; seconds: number; result: DeadlinePassBench } | null;
}

const BEGIN = '<!-- bench:begin (written by `npm run bench`; edit outside these markers) -->';
const END = '<!-- bench:end -->';

const ms = (x: number) => x.toFixed(1);

const percentiles = (r: LoadResult) => `${ms(r.p50)} / ${ms(r.p95)} / ${ms(r.p99)}`;

/** The figures the hot path is judged by, this run's next to the goal. */
function goals(f: BenchFigures): string[] {
  const at16 = f.actions.find((a) => a.connections === 16);
  const figure = (x: number | undefined, digits = 0) => (x === undefined ? 'not measured' : x.toFixed(digits));
  return [
    '| figure | this run | goal |',
    '|---|---:|---:|',
    `| service CPU per confirm, 16 connections | ${figure(at16?.serviceCpuMsPerAction, 2)} ms | ≤ 0.5 ms |`,
    `| actions/s, 16 connections | ${figure(at16?.service.perSecond)} | ≥ 1,200 |`,
    `| service ÷ floor, 16 connections | ${figure(at16?.floorRatio, 2)} | ≥ 0.6 |`,
    `| service ÷ pgbench, 16 connections | ${figure(at16?.ratio, 2)} | ≥ 0.5 |`,
    `| p99 at 16 connections | ${figure(at16?.service.p99, 1)} ms | < 30 ms |`,
    `| intake, ${f.intake?.workersPerDossier ?? 50}-worker dossiers/s | ${figure(f.intake?.perSecond)} | ≥ 600 |`,
  ];
}

export function markdown(f: BenchFigures): string {
  const rows = f.actions.map(
    (a) =>
      `| ${a.connections} | ${a.service.perSecond} | ${percentiles(a.service)} | ${a.floor.perSecond} | ${percentiles(a.floor)} | ` +
      `${a.database.perSecond} | ${percentiles(a.database)} | **${a.floorRatio.toFixed(2)}** | **${a.ratio.toFixed(2)}** | ${a.servicePeakRssMiB} | ` +
      `${a.serviceCpuMsPerAction} | ${a.floorCpuMsPerAction} | ${a.loadGeneratorCpuMsPerAction} |`,
  );
  const intake = f.intake
    ? `| ${f.intake.connections} | ${f.intake.workersPerDossier} | ${f.intake.perSecond} | ${percentiles(f.intake)} | ${f.intake.count} | ${f.intake.servicePeakRssMiB} |`
    : '| – | – | not measured | – | – | – |';
  const d = f.deadlinePass?.result;
  const deadline = d
    ? [
        '| dossiers | first pass s | repeated pass s | peak RSS MiB (sampled in the passes) | near due | overdue | alerts opened | generating the dossiers s |',
        '|---:|---:|---:|---:|---:|---:|---:|---:|',
        `| ${d.count.toLocaleString('en')} | **${d.seconds}** | ${d.repeatSeconds} | **${d.peakRssMb}** | ${d.nearDue} | ${d.overdue} | ${d.newAlerts} | ${d.generateSeconds} |`,
        '',
        'Run by `node dist/bench/deadline-pass.js <count>` in its own process and its own fresh database.',
      ].join('\n')
    : '**TODO**: bench/deadline-pass.ts (`benchDeadlinePass(databaseUrl, count)`) was not there when this run was made; (5) is not measured.';
  return [
    BEGIN,
    `## Figures of the last run${f.quick ? ' (BENCH_QUICK=1: a smoke run, not figures to quote)' : ''}`,
    '',
    `- Date: ${f.date}`,
    `- CPU: ${f.machine.cpuModel} × ${f.machine.cpuCount} (os.cpus()); Node ${f.machine.node}`,
    `- PostgreSQL: ${f.machine.postgres} (${Object.entries(f.machine.postgresSettings).map(([k, v]) => `${k}=${v}`).join(', ')}); ${f.machine.database}`,
    `- Settings: \`${JSON.stringify(f.settings)}\``,
    '',
    '### The goals',
    '',
    ...goals(f),
    '',
    '### (1)–(3), (6): one action (`confirm`), each on a distinct dossier',
    '',
    '| connections | service actions/s | service p50 / p95 / p99 ms | floor requests/s | floor p50 / p95 / p99 ms | database limit tx/s | database p50 / p95 / p99 ms | service ÷ floor | service ÷ database | service peak RSS MiB | service CPU ms / action | floor CPU ms / request | autocannon CPU ms / action |',
    '|---:|---:|---|---:|---|---:|---|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    '### (4) Intake: `POST /api/v1/dossiers`, distinct portalCodes',
    '',
    '| connections | workers per dossier | dossiers/s | p50 / p95 / p99 ms | dossiers | service peak RSS MiB |',
    '|---:|---:|---:|---|---:|---:|',
    intake,
    '',
    '### (5) Deadline pass',
    '',
    deadline,
    '',
    `JSON of these figures: \`bench/results/latest.json\`.`,
    END,
  ].join('\n');
}

/** Writes the JSON and replaces the marked section of docs/benchmarks.md, keeping the hand-written rest. */
export function writeReport(f: BenchFigures, jsonPath: string, mdPath: string): void {
  mkdirSync(dirname(jsonPath), { recursive: true });
  writeFileSync(jsonPath, `${JSON.stringify(f, null, 2)}\n`);
  const section = markdown(f);
  const current = existsSync(mdPath) ? readFileSync(mdPath, 'utf8') : '# Benchmarks\n\n';
  const start = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  const next = start >= 0 && end > start ? current.slice(0, start) + section + current.slice(end + END.length) : `${current.trimEnd()}\n\n${section}\n`;
  mkdirSync(dirname(mdPath), { recursive: true });
  writeFileSync(mdPath, next);
}
