import { Command, Option, SubCommand } from 'nest-commander';
import { CliContext, CliFailure, CommandGroup, JsonCommand, type JsonOption, textTable } from '../cli/cli-context';
import { isDateOnly, isInstant } from '../common/validators';
import { startOfLocalDay } from '../calendar/core';
import { AuditLogService } from './audit-log.service';

type AuditListOptions = JsonOption & { since?: string; actor?: string; action?: string; limit?: string };

const MAX_LIMIT = 10_000;

@SubCommand({ name: 'list', description: 'who changed what (imports, grants, tokens, calendar, publications, outbox retries), oldest first' })
export class AuditListCommand extends JsonCommand<AuditListOptions> {
  constructor(
    private readonly audit: AuditLogService,
    private readonly cli: CliContext,
  ) {
    super();
  }

  async run(_args: string[], options: AuditListOptions): Promise<void> {
    const since = options.since === undefined ? undefined : sinceInstant(options.since);
    const limit = Number(options.limit ?? 100);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new CliFailure(`--limit must be a whole number from 1 to ${MAX_LIMIT}, got "${options.limit}"`);
    const { events, truncated } = await this.audit.list({ since, actor: options.actor, action: options.action, limit });
    this.cli.result(options.json, { events, truncated }, () =>
      [
        events.length
          ? textTable(['at', 'actor', 'action', 'subject'], events.map((e) => [e.at, e.actor, e.action, JSON.stringify(e.subject)]))
          : 'no audit events match',
        ...(truncated ? [`(the latest ${limit} shown; --since or --limit for more)`] : []),
      ].join('\n'),
    );
  }

  @Option({ flags: '--since <date>', description: 'from this day (00:00 Vietnam time, YYYY-MM-DD) or ISO instant' })
  parseSince(value: string): string {
    return value;
  }

  @Option({ flags: '--actor <actor>', description: 'one actor, e.g. cli:nguyenvana or an admin principal id' })
  parseActor(value: string): string {
    return value;
  }

  @Option({ flags: '--action <action>', description: 'one action (grant.create) or a group (grant)' })
  parseAction(value: string): string {
    return value;
  }

  @Option({ flags: '--limit <n>', description: 'at most this many, the latest (default 100)' })
  parseLimit(value: string): string {
    return value;
  }
}

function sinceInstant(value: string): Date {
  if (isDateOnly(value)) return startOfLocalDay(value);
  if (isInstant(value)) return new Date(value);
  throw new CliFailure(`--since must be a date YYYY-MM-DD or an ISO 8601 instant with offset, got "${value}"`);
}

@Command({ name: 'audit', description: 'the audit trail of administrative changes', subCommands: [AuditListCommand] })
export class AuditCommand extends CommandGroup {}
