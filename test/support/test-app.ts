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

/**
 * When the tests' dossiers are submitted (factories' submittedAt): the 2020 programme, whose
 * dossiers the service receives only shortly after the portal did.
 */
export const SUBMITTED_AT = '2020-05-12T09:30:00+07:00';

/** A clock the tests move by hand; it starts half an hour after the factories' submissions. */
export class TestClock extends Clock {
  constructor(private current = new Date('2020-05-12T10:00:00+07:00')) {
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
  const config = { ...loadConfig({ ...process.env, LOG_LEVEL: 'silent', DEADLINE_CHECK_CRON: '0 0 0 1 1 *', DEADLINE_CHECK_AT_START: 'false', ...env }), databaseUrl: database.url };
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
