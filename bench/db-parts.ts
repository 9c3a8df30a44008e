import 'reflect-metadata';
import { resolveDatabase } from '../src/database/migrate';
import { actionStatements, type ActionConstants, type Statement, WRITE_PARTS } from './action-sql';
import { createBenchDatabase, query, settle } from './bench-database';
import { dbLimit } from './db-limit';
import { cloneDossiers, insertPrincipals } from './fixtures';
import { actionConstants, checkConfirmed, confirmLoad, submitTemplate } from './phases';
import { startService } from './service';

/**
 * `node dist/bench/db-parts.js [rounds]`: where the database's own time per confirm goes. pgbench
 * runs the confirm's statements (bench/action-sql.ts) at 16 connections in variants that leave one
 * thing out, interleaved round by round on fresh dossiers, so each variant's share is a ratio
 * measured in one run: what the step record, the choice of its unit, the activity (GiST) index
 * and the commit's flush to disk each cost.
 */
const CONNECTIONS = 16;
const PER_CLIENT = Number(process.env.BENCH_PER_CLIENT ?? 250);

interface Variant {
  name: string;
  statements: Statement[];
  /** SQL run before the variant (and `after` once it is measured). */
  before?: string;
  after?: string;
  /** Session settings for pgbench's connections. */
  pgOptions?: string;
  protocol?: 'prepared' | 'extended';
}

const { d, e, o, se, ss } = WRITE_PARTS;
const VARIANTS: Variant[] = [
  { name: 'the confirm as the service sends it', statements: actionStatements() },
  { name: 'without the step record (no dossier_step update and insert)', statements: actionStatements([d, e, o]) },
  { name: 'the step record without choosing its unit', statements: actionStatements([d, e, o, se, ss.replace(/\(SELECT u\.code FROM unit u .*? LIMIT 1\)/, 'NULL::varchar')]) },
  {
    name: 'without the GiST index on the activity range (ix_dossier_active)',
    statements: actionStatements(),
    before: 'DROP INDEX ix_dossier_active',
    after: `CREATE INDEX ix_dossier_active ON dossier USING gist (tstzrange(received_at, finished_at, '[]'))`,
  },
  { name: 'unnamed statements, planned every time (pgbench -M extended)', statements: actionStatements(), protocol: 'extended' },
  { name: 'synchronous_commit off (no wait for the WAL flush)', statements: actionStatements(), pgOptions: '-c synchronous_commit=off' },
  { name: 'the row update alone (no event, outbox or step record)', statements: actionStatements([d]) },
];

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 3);
  const server = await resolveDatabase();
  const db = await createBenchDatabase(server.url, 'dvc_bench_parts');
  try {
    const tokens = await insertPrincipals(db.url);
    let next = 1;
    let templateId = '';
    const fresh = async (count: number) => {
      const from = next;
      next += count;
      await cloneDossiers(db.url, templateId, from, from + count);
      await settle(db.url);
      return from;
    };
    // The values the service writes for a confirm, read back from one it really made.
    const service = await startService(db.url, 4);
    let constants: ActionConstants;
    try {
      templateId = await submitTemplate(service, tokens, 2);
      const from = await fresh(50);
      const done = await confirmLoad(service, tokens, 4, from, 40);
      constants = await actionConstants(db.url, await checkConfirmed(db.url, from, 40, done.count));
    } finally {
      await service.stop();
    }
    const rates = new Map<string, number[]>(VARIANTS.map((v) => [v.name, []]));
    for (let round = 0; round < rounds; round++) {
      for (const v of VARIANTS) {
        if (v.before) await query(db.url, v.before);
        process.env.PGOPTIONS = v.pgOptions ?? '';
        try {
          await dbLimit(db.url, CONNECTIONS, await fresh(CONNECTIONS * 10), 10, constants, v); // caches
          const result = await dbLimit(db.url, CONNECTIONS, await fresh(CONNECTIONS * PER_CLIENT), PER_CLIENT, constants, v);
          rates.get(v.name)!.push(result.perSecond);
          console.error(`round ${round + 1}: ${v.name}: ${result.perSecond} tx/s`);
        } finally {
          delete process.env.PGOPTIONS;
          if (v.after) await query(db.url, v.after);
        }
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const base = median(rates.get(VARIANTS[0].name)!);
    console.log(`| variant (pgbench, ${CONNECTIONS} connections, ${PER_CLIENT} confirms each, median of ${rounds}) | tx/s | ÷ the confirm as sent |`);
    console.log('|---|---:|---:|');
    for (const v of VARIANTS) {
      const m = median(rates.get(v.name)!);
      console.log(`| ${v.name} | ${Math.round(m)} | ${(m / base).toFixed(2)} |`);
    }
  } finally {
    await db.drop();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
