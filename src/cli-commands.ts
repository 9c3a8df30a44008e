// Every command group of `dvc`, in the order --help lists them. The files define commands as data and
// load their services only when they run, so nothing here starts Nest or the database.
import { AUDIT_COMMANDS } from './audit/audit.command';
import { ADMIN_COMMANDS, TOKENS_COMMANDS } from './auth/tokens.command';
import { CALENDAR_COMMANDS } from './calendar/calendar.command';
import type { CommandGroup } from './cli/command';
import { DEADLINES_COMMANDS } from './deadlines/deadlines.command';
import { OFFICIALS_COMMANDS } from './directory/officials.command';
import { UNITS_COMMANDS } from './directory/units.command';
import { PERMISSIONS_COMMANDS } from './grants/permissions.command';
import { OUTBOX_COMMANDS } from './portal/outbox.command';
import { PROCEDURES_COMMANDS } from './procedures/procedures.command';
import { REPORTS_COMMANDS } from './reports/reports.command';

export const COMMAND_GROUPS: readonly CommandGroup[] = [
  ADMIN_COMMANDS, UNITS_COMMANDS, OFFICIALS_COMMANDS, PERMISSIONS_COMMANDS, TOKENS_COMMANDS, PROCEDURES_COMMANDS,
  DEADLINES_COMMANDS, CALENDAR_COMMANDS, REPORTS_COMMANDS, AUDIT_COMMANDS, OUTBOX_COMMANDS,
];
