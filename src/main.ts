import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { ConfigError, loadConfig } from './config/config';
import { migrate, resolveDatabase } from './database/migrate';
import { AdminSeeder } from './officials/admin-seeder';
import { ProceduresService } from './procedures/procedures.service';
import { setupApp } from './setup-app';

async function main(): Promise<void> {
  const config = loadConfig();
  const db = await resolveDatabase();
  await migrate(db.url);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ ...config, databaseUrl: db.url }), {
    bufferLogs: true,
    bodyParser: false,
  });
  setupApp(app);
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
  await app.listen(config.port);
  console.log(`dvc-workflow listening on ${base}\nOpenAPI: ${base}/docs (JSON: ${base}/docs-json)`);
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? `bad configuration: ${error.message}` : error instanceof Error ? error.stack : error);
  process.exit(1);
});
