import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { Clock } from '../../src/common/clock';
import { loadConfig } from '../../src/config/config';
import { ProceduresService } from '../../src/procedures/procedures.service';
import { createHttpAdapter, setupApp } from '../../src/setup-app';
import { createTestDatabase } from './database';

/** A clock the tests move by hand. */
export class TestClock extends Clock {
  constructor(private current = new Date()) {
    super();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
}

export interface TestApp {
  app: NestFastifyApplication;
  http: () => ReturnType<typeof request>;
  db: DataSource;
  clock: TestClock;
  databaseUrl: string;
  close(): Promise<void>;
}

/** The whole service on a fresh database copied from the migrated template. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const clock = new TestClock();
  const config = { ...loadConfig({ ...process.env, LOG_LEVEL: 'silent', DEADLINE_CHECK_CRON: '0 0 0 1 1 *', ...env }), databaseUrl: database.url };
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter(config), { bodyParser: false, bufferLogs: true });
  await setupApp(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  await app.get(ProceduresService).seed();
  return {
    app,
    http: () => request(app.getHttpServer()),
    db: app.get(DataSource),
    clock,
    databaseUrl: database.url,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
