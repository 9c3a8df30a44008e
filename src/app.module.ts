import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggingModule } from './common/logging.module';
import { ProblemFilter } from './common/problem.filter';
import { ProblemPagesController } from './common/problem-pages.controller';
import type { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { ConsoleModule } from './console/console.module';
import { Clock } from './common/clock';
import { DemoModule } from './demo/demo.module';
import { dataSourceOptions } from './data-source';
import { sqlLogging } from './database/data-source';
import { ReadReplicaModule } from './database/read-replica.module';
import { DeadlineScheduleModule } from './deadlines/deadline-schedule.module';
import { ApologiesModule } from './apologies/apologies.module';
import { DeadlinesApiModule } from './deadlines/deadlines-api.module';
import { DocumentsModule } from './documents/documents.module';
import { DossiersModule } from './dossiers/dossiers.module';
import { FeedbackModule } from './feedback/feedback.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { AuthGuard } from './auth/auth.guard';
import { AuthModule } from './auth/auth.module';
import { PortalModule } from './portal/portal.module';
import { perAddressThrottler } from './common/rate-limit';
import { ProceduresApiModule } from './procedures/procedures-api.module';
import { ReportsApiModule } from './reports/reports-api.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig & { databaseUrl: string }, options: { demo?: boolean; clock?: Clock } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, options.clock),
        LoggingModule.forRoot(config.logLevel),
        // No request waits on PostgreSQL for ever: a connection is given 5 s, a statement DB_STATEMENT_TIMEOUT_MS.
        TypeOrmModule.forRoot(dataSourceOptions(config.databaseUrl, {
          extra: { max: config.dbPoolSize, connectionTimeoutMillis: 5000, statement_timeout: config.dbStatementTimeoutMs },
          logging: sqlLogging(config),
        })),
        // The replica's pool gives up on a connection within 2 s: its reads then go to the primary.
        ReadReplicaModule.forRoot(config.databaseReadUrl
          ? dataSourceOptions(config.databaseReadUrl, { extra: { max: config.dbPoolSize, connectionTimeoutMillis: 2000 } }, { readOnly: true })
          : null),
        ScheduleModule.forRoot(),
        // Per instance, in memory: PostgreSQL stays the only shared server.
        ThrottlerModule.forRoot([perAddressThrottler(config.publicRateLimitPerMinute)]),
        MetricsModule,
        AuthModule,
        ProceduresApiModule,
        DeadlinesApiModule,
        ApologiesModule,
        DossiersModule,
        DocumentsModule,
        DeadlineScheduleModule,
        ReportsApiModule,
        HealthModule,
        PortalModule,
        FeedbackModule,
        ConsoleModule,
        ...(options.demo ? [DemoModule] : []),
      ],
      controllers: [ProblemPagesController],
      providers: [
        // Also resolvable by class: the HTTP edge authenticates large bodies before reading them.
        AuthGuard,
        { provide: APP_GUARD, useExisting: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
