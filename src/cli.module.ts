import { type DynamicModule, Injectable, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InjectCommander } from 'nest-commander';
import { CliContext } from './cli-context';
import type { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions, sqlLogging } from './database/data-source';
import { CalendarAddHolidayCommand, CalendarAddWorkingDayCommand, CalendarCommand, CalendarListCommand, CalendarRemoveCommand } from './calendar/calendar.command';
import { CalendarService } from './calendar/calendar.service';
import { DeadlinePassService } from './deadlines/deadline-pass.service';
import { DeadlinesCheckCommand, DeadlinesCommand } from './deadlines/deadlines.command';
import { AdminCommand, AdminCreateCommand } from './auth/admin.command';
import { AuditCommand, AuditListCommand } from './audit/audit.command';
import { AuditLogService } from './audit/audit-log.service';
import { DirectoryListService } from './directory/directory-list.service';
import { GrantImportService } from './grants/grant-import.service';
import { DirectoryImportService } from './directory/directory-import.service';
import { GrantsService } from './grants/grants.service';
import { OfficialsActivateCommand, OfficialsCommand, OfficialsDeactivateCommand, OfficialsImportCommand, OfficialsListCommand } from './directory/officials.command';
import { OfficialsMoveCommand } from './directory/move.command';
import { OfficialMoveService } from './directory/official-move.service';
import { OfficialStatusService } from './directory/official-status.service';
import { OfficialsSignerCommand } from './directory/signer.command';
import { SignerService } from './directory/signer.service';
import { PermissionsCommand, PermissionsGrantCommand, PermissionsImportCommand, PermissionsListCommand, PermissionsRevokeCommand } from './grants/permissions.command';
import { TokenAdminService } from './auth/token-admin.service';
import { TokensCommand, TokensIssueCommand, TokensListCommand, TokensRevokeCommand } from './auth/tokens.command';
import { UnitsCommand, UnitsImportCommand, UnitsListCommand } from './directory/units.command';
import { OutboxCommand, OutboxListCommand, OutboxRetryCommand } from './portal/outbox.command';
import { OutboxService } from './portal/outbox.service';
import { ProceduresCommand, ProceduresPublishCommand } from './procedures/procedures.command';
import { ProceduresModule } from './procedures/procedures.module';
import { ProcessingReportService } from './reports/processing-report.service';
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

/** The services the commands call; they take plain arguments, so tests may call them directly. */
const SERVICES = [
  DirectoryImportService, DirectoryListService, GrantImportService, GrantsService, TokenAdminService, OfficialStatusService, OfficialMoveService,
  SignerService, DeadlinePassService, CalendarService, ProcessingReportService, AuditLogService, OutboxService,
];

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

/** The service's config and database, the commands and their services; no HTTP server, no scheduler. */
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
        ProceduresModule,
      ],
      providers: [{ provide: CliContext, useValue: cli }, CommanderRoot, ...SERVICES, ...COMMANDS],
    };
  }
}
