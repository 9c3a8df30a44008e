// Benchmark of the deadline pass: `count` generated dossiers with a running step, 1 % of
// them near due and 2 % overdue, in a fresh database; one pass to open the alerts and a second,
// idempotent one. Peak memory is this process's: the pass must not load dossiers into Node.
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/config';
import { dataSourceOptions } from '../src/data-source';
import { createBenchDatabase, runFromCommandLine } from './bench-database';
import { round } from './stats';
import { CalendarService } from '../src/calendar/calendar.service';
import { DeadlinePassService } from '../src/deadlines/deadline-pass.service';

export interface DeadlinePassBench {
  count: number;
  generateSeconds: number;
  /** The first pass, which opens the alerts. */
  seconds: number;
  /** A second pass at the same instant, which opens nothing. */
  repeatSeconds: number;
  /** Peak resident memory of this process while the passes ran (sampled) and over its life. */
  peakRssMb: number;
  maxRssMb: number;
  scanned: number;
  nearDue: number;
  overdue: number;
  newAlerts: number;
}

// Monday 18 May 2020 10:00 in Vietnam: near due means due by Tuesday 19 May 10:00.
const NOW = new Date('2020-05-18T10:00:00+07:00');
const DISTRICTS = ['522', '523', '524', '525', '526', '527', '528', '529'];
const STEPS = ['insurance-confirmation', 'district-appraisal', 'provincial-approval'];

/** Units of every kind for Quảng Ngãi's districts, one granted official each. */
async function seedDirectory(db: DataSource): Promise<void> {
  await db.query(`
    INSERT INTO unit (code, name, kind, province_code, district_code)
    SELECT k.kind || '-' || d, 'Đơn vị ' || k.kind || ' ' || d, k.kind, '51', d
      FROM unnest($1::text[]) d, (VALUES ('social-insurance'), ('district-pc')) k(kind)
    UNION ALL VALUES ('provincial-pc-51', 'UBND tỉnh Quảng Ngãi', 'provincial-pc', '51', NULL),
                     ('social-policy-bank-51', 'NHCSXH tỉnh Quảng Ngãi', 'social-policy-bank', '51', NULL)`, [DISTRICTS]);
  await db.query(`
    INSERT INTO official (id, full_name, id_number, phone, unit_code)
    SELECT gen_random_uuid(), 'Cán bộ ' || code, lpad(row_number() OVER ()::text, 12, '0'), '0905123456', code FROM unit`);
  await db.query(`
    INSERT INTO "grant" (official_id, procedure_code, step)
    SELECT o.id, p.code, s.step
      FROM official o JOIN unit u ON u.code = o.unit_code
      CROSS JOIN (VALUES ('unpaid-leave-support'), ('wage-loan-support')) p(code)
      JOIN (VALUES ('insurance-confirmation', 'social-insurance'), ('district-appraisal', 'district-pc'),
                   ('provincial-approval', 'provincial-pc'), ('bank-lending', 'social-policy-bank')) s(step, kind) ON s.kind = u.kind`);
}

/** `count` dossiers in one statement: i % 100 = 0 near due, 1–2 overdue, the rest due later. */
async function generateDossiers(db: DataSource, count: number): Promise<void> {
  await db.query(
    `INSERT INTO dossier (id, portal_code, procedure_code, procedure_version, state, status, current_step,
                          step_started_at, step_due_at, due_at, appointed_return_at, received_at, submitted_at, applicant, tax_code, province_code,
                          district_code, worker_count, signed, content, submission_hash, snapshot, version, head_hash, created_at, updated_at)
     SELECT gen_random_uuid(), '000.00.51.H55-200512-' || lpad(i::text, 8, '0'),
            CASE WHEN i % 2 = 0 THEN 'unpaid-leave-support' ELSE 'wage-loan-support' END, 1,
            step, 'processing', step, received, due, received + interval '14 days', received + interval '14 days', received, received,
            jsonb_build_object('name', 'Công ty ' || i, 'taxCode', '4300123458', 'provinceCode', '51', 'districtCode', district),
            '4300123458', '51', district, 2, true,
            '{"signature":null,"workers":[],"loan":null,"attachments":[]}'::jsonb,
            md5(i::text) || md5(i::text),
            jsonb_build_object('value', step, 'context', jsonb_build_object('signed', true, 'channel', 'online', 'returnTo', null, 'supplementRequests', 0)),
            -- No history rows: the pass never reads them, so the chain's head is a placeholder.
            2, repeat('0', 64), received, received
       FROM (SELECT i,
                    ($2::text[])[1 + i % 3] AS step,
                    ($3::text[])[1 + (i / 100) % 8] AS district,
                    timestamptz '2020-05-11 09:00+07' AS received,
                    CASE WHEN i % 100 = 0 THEN timestamptz '2020-05-18 17:00+07'
                         WHEN i % 100 IN (1, 2) THEN timestamptz '2020-05-15 17:00+07'
                         ELSE timestamptz '2020-05-20 17:00+07' + (i % 10) * interval '1 day' END AS due
               FROM generate_series(1, $1::int) i) g`,
    [count, STEPS, DISTRICTS],
  );
  await db.query('VACUUM ANALYZE dossier');
}

export async function benchDeadlinePass(databaseUrl: string, count = 1_000_000): Promise<DeadlinePassBench> {
  const bench = await createBenchDatabase(databaseUrl, 'dvc_bench_deadlines');
  const db = await new DataSource(dataSourceOptions(bench.url, { extra: { max: 4 } })).initialize();
  try {
    const generateStart = performance.now();
    await seedDirectory(db);
    await generateDossiers(db, count);
    const generateSeconds = (performance.now() - generateStart) / 1000;

    Logger.overrideLogger(['error', 'warn']); // the pass logs one line per run; keep the output to the figures
    const config = { ...loadConfig(), databaseUrl: bench.url };
    const pass = new DeadlinePassService(db, new CalendarService(db, config), config);
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    try {
      const start = performance.now();
      const first = await pass.run(NOW);
      const seconds = (performance.now() - start) / 1000;
      const again = performance.now();
      const second = await pass.run(NOW);
      const repeatSeconds = (performance.now() - again) / 1000;
      if (second.newAlerts !== 0) throw new Error(`the repeated pass opened ${second.newAlerts} alerts`);
      peak = Math.max(peak, process.memoryUsage().rss);
      return {
        count,
        generateSeconds: round(generateSeconds, 2),
        seconds: round(seconds, 2),
        repeatSeconds: round(repeatSeconds, 2),
        peakRssMb: round(peak / 2 ** 20, 2),
        maxRssMb: round(process.resourceUsage().maxRSS / 1024, 2),
        scanned: first.scanned,
        nearDue: first.nearDue,
        overdue: first.overdue,
        newAlerts: first.newAlerts,
      };
    } finally {
      clearInterval(sampler);
    }
  } finally {
    await db.destroy();
    await bench.drop();
  }
}

// `node dist/bench/deadline-pass.js [count]` with DATABASE_URL pointing at any database of the server.
if (require.main === module) runFromCommandLine(benchDeadlinePass, 1_000_000);
