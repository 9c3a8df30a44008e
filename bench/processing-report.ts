// Benchmark of the processing report: `count` dossiers received over 2020 (three steps each, most
// finished within a few weeks, some refused or still open), in a fresh database; the weekly report a
// supervision console asks for, by each grouping, over several weeks of the year, and the whole year.
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/data-source';
import { ProcessingReportService } from '../src/reports/processing-report.service';
import { createBenchDatabase, runFromCommandLine } from './bench-database';
import { round } from './stats';

export interface ProcessingReportBench {
  count: number;
  steps: number;
  generateSeconds: number;
  /** Milliseconds per weekly report (each grouping, each sampled week): median and worst. */
  weeklyMedianMs: number;
  weeklyMaxMs: number;
  /** The whole year by unit. */
  yearMs: number;
}

const DISTRICTS = ['522', '523', '524', '525', '526', '527', '528', '529'];
const NOW = new Date('2021-01-04T10:00:00+07:00');
const WEEKS = ['2020-01-06', '2020-03-30', '2020-06-29', '2020-09-28', '2020-12-21'];

/** `count` dossiers of 2020 in Quảng Ngãi (8 districts) with their steps; also the console bench's data. */
export async function seed(db: DataSource, count: number): Promise<void> {
  await db.query(`
    INSERT INTO unit (code, name, kind, province_code, district_code)
    SELECT k.kind || '-' || d, 'Đơn vị ' || k.kind || ' ' || d, k.kind, '51', d
      FROM unnest($1::text[]) d, (VALUES ('social-insurance'), ('district-pc')) k(kind)
    UNION ALL VALUES ('provincial-pc-51', 'UBND tỉnh Quảng Ngãi', 'provincial-pc', '51', NULL)`, [DISTRICTS]);
  await db.query(`
    INSERT INTO official (id, full_name, id_number, phone, unit_code)
    SELECT gen_random_uuid(), 'Cán bộ ' || code, lpad(row_number() OVER ()::text, 12, '0'), '0905123456', code FROM unit`);
  // Dossier i: received at a random time of 2020; step k takes 1–5 days; 10 % are refused at BHXH;
  // those received in the last three weeks are still open at their second step.
  await db.query(
    `CREATE TEMP TABLE g AS
     SELECT i, gen_random_uuid() AS id, ($2::text[])[1 + i % 8] AS district,
            timestamptz '2020-01-02 09:00+07' + (random() * 360) * interval '1 day' AS received,
            i % 10 = 0 AS refused, random() AS r1, random() AS r2, random() AS r3
       FROM generate_series(1, $1::int) i`,
    [count, DISTRICTS],
  );
  await db.query(`ALTER TABLE g ADD s1 timestamptz, ADD s2 timestamptz, ADD s3 timestamptz, ADD e3 timestamptz, ADD open bool`);
  await db.query(`UPDATE g SET s1 = received, s2 = received + (1 + r1 * 4) * interval '1 day',
                              s3 = received + (2 + r1 * 4 + r2 * 4) * interval '1 day',
                              e3 = received + (3 + r1 * 4 + r2 * 4 + r3 * 3) * interval '1 day'`);
  await db.query(`UPDATE g SET open = NOT refused AND s2 > timestamptz '2020-12-28 00:00+07'`);
  await db.query(`
    INSERT INTO dossier (id, portal_code, procedure_code, procedure_version, state, status, current_step, step_started_at, step_due_at,
                         due_at, appointed_return_at, received_at, submitted_at, applicant, tax_code, province_code, district_code, worker_count, signed,
                         content, submission_hash, snapshot, version, head_hash, finished_at, created_at, updated_at)
    SELECT id, 'BENCH-' || i, 'unpaid-leave-support', 1,
           CASE WHEN refused THEN 'rejected' WHEN open THEN 'district-appraisal' ELSE 'approved' END,
           CASE WHEN refused THEN 'rejected' WHEN open THEN 'processing' ELSE 'approved' END,
           CASE WHEN open THEN 'district-appraisal' END, CASE WHEN open THEN s2 END, CASE WHEN open THEN s2 + interval '4 days' END,
           received + interval '11 days', received + interval '11 days', received, received,
           jsonb_build_object('name', 'Công ty ' || i), '4300123458', '51', district, 2, true,
           '{"signature":null,"workers":[],"loan":null,"attachments":[]}'::jsonb, md5(i::text) || md5(i::text),
           '{"value":"x","context":{}}'::jsonb, 3, repeat('0', 64),
           CASE WHEN refused THEN s2 WHEN open THEN NULL ELSE e3 END, received, received
      FROM g`);
  await db.query(`
    INSERT INTO dossier_step (dossier_id, seq, procedure_code, procedure_version, step, unit_code, official_id, started_at, due_at,
                              received_late, ended_at, ended_seq, end_action, worked_ms, late)
    SELECT g.id, x.seq, 'unpaid-leave-support', 1, x.step, x.unit, (SELECT o.id FROM official o WHERE o.unit_code = x.unit LIMIT 1),
           x.started, x.started + interval '4 days', x.received_late, x.ended, x.seq + 1, x.action,
           (EXTRACT(EPOCH FROM x.ended - x.started) * 1000 / 3)::bigint, x.ended > x.started + interval '4 days'
      FROM g CROSS JOIN LATERAL (VALUES
        (1, 'insurance-confirmation', 'social-insurance-' || g.district, g.s1, NULL::boolean, g.s2, CASE WHEN g.refused THEN 'reject' ELSE 'confirm' END),
        (2, 'district-appraisal', 'district-pc-' || g.district, g.s2, g.r1 > 0.75, CASE WHEN g.open THEN NULL ELSE g.s3 END, CASE WHEN g.open THEN NULL ELSE 'appraise' END),
        (3, 'provincial-approval', 'provincial-pc-51', g.s3, g.r2 > 0.75, g.e3, 'approve')
      ) AS x(seq, step, unit, started, received_late, ended, action)
     WHERE x.seq = 1 OR (NOT g.refused AND (x.seq = 2 OR NOT g.open))`);
  await db.query('VACUUM ANALYZE dossier');
  await db.query('VACUUM ANALYZE dossier_step');
}

export async function benchProcessingReport(databaseUrl: string, count = 100_000): Promise<ProcessingReportBench> {
  const bench = await createBenchDatabase(databaseUrl, 'dvc_bench_report');
  const db = await new DataSource(dataSourceOptions(bench.url, { extra: { max: 2 } })).initialize();
  try {
    const start = performance.now();
    await seed(db, count);
    const generateSeconds = (performance.now() - start) / 1000;
    const reports = new ProcessingReportService(db);
    const times: number[] = [];
    await reports.report({ from: WEEKS[0], to: WEEKS[0], groupBy: 'unit' }, NOW); // warm the cache
    for (const week of WEEKS) {
      const sunday = new Date(Date.parse(`${week}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
      for (const groupBy of ['unit', 'procedure', 'official', 'step'] as const) {
        const t0 = performance.now();
        await reports.report({ from: week, to: sunday, groupBy }, NOW);
        times.push(performance.now() - t0);
      }
    }
    const y0 = performance.now();
    await reports.report({ from: '2020-01-01', to: '2020-12-31', groupBy: 'unit' }, NOW);
    const yearMs = performance.now() - y0;
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM dossier_step`);
    times.sort((a, b) => a - b);
    return {
      count,
      steps: n,
      generateSeconds: round(generateSeconds, 2),
      weeklyMedianMs: round(times[Math.floor(times.length / 2)], 2),
      weeklyMaxMs: round(times[times.length - 1], 2),
      yearMs: round(yearMs, 2),
    };
  } finally {
    await db.destroy();
    await bench.drop();
  }
}

// `node dist/bench/processing-report.js [count]` with DATABASE_URL pointing at any database of the server.
if (require.main === module) runFromCommandLine(benchProcessingReport, 100_000);
