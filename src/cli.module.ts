import { type DynamicModule, Injectable, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InjectCommander } from 'nest-commander';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CalendarModule } from './calendar/calendar.module';
import { CliContext } from './cli/cli-context';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { DirectoryModule } from './directory/directory.module';
import { GrantsModule } from './grants/grants.module';
import { OutboxModule } from './portal/outbox.module';
import { ProceduresModule } from './procedures/procedures.module';
import { ReportsModule } from './reports/reports.module';
import type { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './data-source';
import { sqlLogging } from './database/data-source';
import { CalendarAddHolidayCommand, CalendarAddWorkingDayCommand, CalendarCommand, CalendarListCommand, CalendarRemoveCommand } from './calendar/calendar.command';
import { DeadlinesCheckCommand, DeadlinesCommand } from './deadlines/deadlines.command';
import { AdminCommand, AdminCreateCommand } from './auth/admin.command';
import { AuditCommand, AuditListCommand } from './audit/audit.command';
import { OfficialsActivateCommand, OfficialsCommand, OfficialsDeactivateCommand, OfficialsImportCommand, OfficialsListCommand } from './directory/officials.command';
import { OfficialsMoveCommand } from './directory/move.command';
import { OfficialsSignerCommand } from './directory/signer.command';
import { PermissionsCommand, PermissionsGrantCommand, PermissionsImportCommand, PermissionsListCommand, PermissionsRevokeCommand } from './grants/permissions.command';
import { TokensCommand, TokensIssueCommand, TokensListCommand, TokensRevokeCommand } from './auth/tokens.command';
import { UnitsCommand, UnitsImportCommand, UnitsListCommand } from './directory/units.command';
import { OutboxCommand, OutboxListCommand, OutboxRetryCommand } from './portal/outbox.command';
import { ProceduresCommand, ProceduresPublishCommand } from './procedures/procedures.command';
import { ReportsCommand, ReportsProcessingCommand } from './reports/reports.command';

/** Every command of `npm run cli`: each group, then its subcommands. A new command is one more line here. */
export const COMMANDS = [
  AdminCommand, AdminCreateCommand,
  UnitsCommand, UnitsImportCommand, UnitsListCommand,
  OfficialsCommand, OfficialsImportCommand, OfficialsListCommand, OfficialsDeactivateCommand, OfficialsActivateCommand, OfficialsSignerCommand, OfficialsMoveCommand,
  PermissionsCommand, PermissionsGrantCommand, PermissionsRevokeCommand, PermissionsListCommand, PermissionsImportCommand,
  TokensCommand, TokensIssueCommand, TokensRevokeCommand, TokensListCommand,
  ProceduresCommand, ProceduresPublishCommand,
  DeadlinesCommand, DeadlinesCheckCommand, CalendarCommand, CalendarAddHolidayCommand, CalendarAddWorkingDayCommand, CalendarRemoveCommand, CalendarListCommand,
  ReportsCommand, ReportsProcessingCommand,
  AuditCommand, AuditListCommand,
  OutboxCommand, OutboxListCommand, OutboxRetryCommand,
];

const FEATURES = [DirectoryModule, GrantsModule, AuthModule, AuditModule, CalendarModule, DeadlinesModule, ReportsModule, OutboxModule, ProceduresModule];

/** Minimal view of commander's Command (nest-commander bundles its own commander). */
export interface CommanderNode {
  readonly commands: readonly CommanderNode[];
  exitOverride(): unknown;
}

/** The root commander, so the CLI can make every command throw instead of calling process.exit. */
@Injectable()
export class CommanderRoot {
  constructor(@InjectCommander() readonly command: CommanderNode) {}
}

/** The service's config and database, the commands and the capabilities they call; no HTTP server, no scheduler. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig & { databaseUrl: string }, cli: CliContext): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot(config),
        // No retries: the database was reached a moment ago (runCli checks it), and an admin waits for the answer.
        TypeOrmModule.forRoot({
          ...dataSourceOptions(config.databaseUrl, { extra: { max: 4, application_name: 'dvc-workflow-cli' }, logging: sqlLogging(config) }),
          retryAttempts: 0,
        }),
        // The capabilities the commands call, each exporting what they need.
        ...FEATURES,
      ],
      providers: [{ provide: CliContext, useValue: cli }, CommanderRoot, ...COMMANDS],
    };
  }
}
