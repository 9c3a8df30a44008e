import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { ConfigError, loadConfig } from './config/config';
import { migrate, resolveDatabase } from './database/migrate';
import { AdminSeeder } from './auth/admin-seeder';
import { ProceduresService } from './procedures/procedures.service';
import { createHttpAdapter, setupApp } from './setup-app';

/** Every address of the host, IPv6 and IPv4 (as Node does without a host); IPv4 only where the kernel has no IPv6. */
async function listenOnEveryInterface(app: NestFastifyApplication, port: number): Promise<void> {
  try {
    await app.listen(port, '::');
  } catch (error) {
    if (!['EAFNOSUPPORT', 'EADDRNOTAVAIL'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
    await app.listen(port, '0.0.0.0');
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const db = await resolveDatabase();
  await migrate(db.url);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot({ ...config, databaseUrl: db.url }), createHttpAdapter(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  await setupApp(app);
  await app.get(ProceduresService).seed();
  const base = `http://localhost:${config.port}`;
  if (db.embedded) {
    const token = await app.get(AdminSeeder).demoToken();
    console.log(`Embedded PostgreSQL under ${config.dataDir}/pg\nDemo admin token (shown once): ${token}`);
  }
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.close();
    await db.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await listenOnEveryInterface(app, config.port);
  console.log(`dvc-workflow listening on ${base}\nOpenAPI: ${base}/docs (JSON: ${base}/docs-json)`);
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? `bad configuration: ${error.message}` : error instanceof Error ? error.stack : error);
  process.exit(1);
});
