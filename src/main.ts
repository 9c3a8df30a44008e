import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { ConfigError, loadConfig } from './config/config';
import { migrate, resolveDatabase } from './database/migrate';
import { join } from 'node:path';
import { AdminSeeder } from './auth/admin-seeder';
import { ShiftedClock } from './common/clock';
import { DEMO_START, DemoProvince } from './demo/demo-province.service';
import { ProceduresService } from './procedures/procedures.service';
import { createHttpAdapter, setupApp } from './setup-app';
import { stopOnSignals } from './shutdown';

/** Every address of the host, IPv6 and IPv4 (as Node does without a host); IPv4 only where the kernel has no IPv6. */
async function listenOnEveryInterface(app: NestFastifyApplication, port: number): Promise<void> {
  try {
    await app.listen(port, '::');
  } catch (error) {
    if (!['EAFNOSUPPORT', 'EADDRNOTAVAIL'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
    await app.listen(port, '0.0.0.0');
  }
}

/** Where the demo's clock starts: `--at YYYY-MM-DD` (10:00 that day in Vietnam) or `--at <ISO instant>`, else DEMO_START. */
function demoStart(argv: string[]): Date {
  const at = argv[argv.indexOf('--at') + 1];
  if (!argv.includes('--at')) return DEMO_START;
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(at ?? '') ? new Date(`${at}T10:00:00+07:00`) : new Date(at ?? '');
  if (Number.isNaN(instant.getTime())) throw new ConfigError(`--at must be a day YYYY-MM-DD or an ISO 8601 instant, got "${at}"`);
  return instant;
}

/** Human hints go to stderr: stdout carries the JSON log lines only. */
const tell = (text: string) => process.stderr.write(`${text}\n`);

async function main(): Promise<void> {
  const config = loadConfig();
  // `npm run demo`: the demo province, on a clock that replays 2020 from its first online day.
  const demo = process.argv.includes('--demo');
  const start = demoStart(process.argv);
  const db = await resolveDatabase(true);
  const applied = await migrate(db.url);
  const clock = demo ? new ShiftedClock(start.getTime() - Date.now()) : undefined;
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot({ ...config, databaseUrl: db.url }, { demo, clock }), createHttpAdapter(config), {
    bufferLogs: true,
    bodyParser: false,
    // Once shutdown begins, a request on a kept-alive connection gets 503 and `Connection: close`.
    return503OnClosing: true,
  });
  await setupApp(app);
  const log = new Logger('Main');
  log.log({ embedded: db.embedded, migrationsApplied: applied, demo }, 'database ready');
  await app.get(ProceduresService).seed();
  const base = `http://localhost:${config.port}`;
  if (db.embedded || demo) {
    const admin = await app.get(AdminSeeder).demoToken(join(config.dataDir, 'admin-token'));
    tell(`${db.embedded ? `Embedded PostgreSQL under ${config.dataDir}/pg. ` : ''}Demo admin token (${admin.kept ? 'kept from the last start' : 'new'}, also in ${join(config.dataDir, 'admin-token')}):\n${admin.token}`);
    if (demo) {
      const file = join(config.dataDir, 'demo.env');
      const env = await app.get(DemoProvince).open(file, config.port, admin.token);
      tell(`Demo province of Quảng Ngãi, clock at ${clock!.now().toISOString()} (12 May 2020, 10:00 in Vietnam, at each start, or --at); tokens ${Object.keys(env).filter((k) => k !== 'PORT').join(', ')} in ${file} (. ${file})`);
    }
  }
  stopOnSignals(app, db, config.shutdownGraceMs, log);
  await listenOnEveryInterface(app, config.port);
  log.log({ url: base, docs: `${base}/docs` }, 'listening');
  tell(`dvc-workflow listening on ${base} (OpenAPI: ${base}/docs)`);
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? `bad configuration: ${error.message}` : error instanceof Error ? error.stack : error);
  process.exit(1);
});
