import { startOfLocalDay } from '../calendar/core';
import { CliFailure, textTable } from '../cli/cli-context';
import { command, type CommandGroup } from '../cli/command';
import type { AuditLogService } from './audit-log.service';

const MAX_LIMIT = 10_000;

async function sinceInstant(value: string): Promise<Date> {
  // Loaded as the command runs: the validators bring class-validator, which --help need not load.
  const { isDateOnly, isInstant } = await import('../common/validators.js');
  if (isDateOnly(value)) return startOfLocalDay(value);
  if (isInstant(value)) return new Date(value);
  throw new CliFailure(`--since must be a date YYYY-MM-DD or an ISO 8601 instant with offset, got "${value}"`);
}

export const AUDIT_COMMANDS: CommandGroup = {
  name: 'audit',
  description: 'the audit trail of administrative changes',
  commands: [
    command<{ since?: string; actor?: string; action?: string; limit?: string }>({
      name: 'list',
      description: 'who changed what (imports, grants, tokens, calendar, publications, outbox retries), oldest first',
      options: [
        { flags: '--since <date>', description: 'from this day (00:00 Vietnam time, YYYY-MM-DD) or ISO instant' },
        { flags: '--actor <actor>', description: 'one actor, e.g. cli:nguyenvana or an admin principal id' },
        { flags: '--action <action>', description: 'one action (grant.create) or a group (grant)' },
        { flags: '--limit <n>', description: 'at most this many, the latest (default 100)' },
      ],
      async run(run, o) {
        const since = o.since === undefined ? undefined : await sinceInstant(o.since);
        const limit = Number(o.limit ?? 100);
        if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new CliFailure(`--limit must be a whole number from 1 to ${MAX_LIMIT}, got "${o.limit}"`);
        const audit = await run.service<AuditLogService>(async () => (await import('./audit-log.service.js')).AuditLogService);
        const { events, truncated } = await audit.list({ since, actor: o.actor, action: o.action, limit });
        run.cli.result(o.json, { events, truncated }, () =>
          [
            events.length
              ? textTable(['at', 'actor', 'action', 'subject'], events.map((e) => [e.at, e.actor, e.action, JSON.stringify(e.subject)]))
              : 'no audit events match',
            ...(truncated ? [`(the latest ${limit} shown; --since or --limit for more)`] : []),
          ].join('\n'),
        );
      },
    }),
  ],
};
