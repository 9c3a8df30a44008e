import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CalendarModule } from './calendar/calendar.module';
import { CliContext } from './cli/cli-context';
import type { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './data-source';
import { sqlLogging } from './database/data-source';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { DirectoryModule } from './directory/directory.module';
import { GrantsModule } from './grants/grants.module';
import { OutboxModule } from './portal/outbox.module';
import { ProceduresModule } from './procedures/procedures.module';
import { ReportsModule } from './reports/reports.module';

/** The capabilities the admin commands call, each exporting what they need. */
const FEATURES = [DirectoryModule, GrantsModule, AuthModule, AuditModule, CalendarModule, DeadlinesModule, ReportsModule, OutboxModule, ProceduresModule];

/** The service's config and database, and the capabilities the commands call; no HTTP server, no scheduler, no dispatcher. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig & { databaseUrl: string }, cli: CliContext): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot(config),
        // No retries: the database answered a moment ago (the migrations were checked), and an admin waits for the answer.
        TypeOrmModule.forRoot({
          ...dataSourceOptions(config.databaseUrl, { extra: { max: 4, application_name: 'dvc-workflow-cli' }, logging: sqlLogging(config) }),
          retryAttempts: 0,
        }),
        ...FEATURES,
      ],
      providers: [{ provide: CliContext, useValue: cli }],
    };
  }
}
