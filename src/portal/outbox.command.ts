import { CliFailure, textTable } from '../cli/cli-context';
import { command, type CommandGroup, type CommandRun } from '../cli/command';
import type { OutboxState } from '../dossiers/outbox-message.entity';
import type { OutboxService } from './outbox.service';

const STATES: OutboxState[] = ['pending', 'failed', 'delivered'];
const MAX_LIMIT = 200;

const outbox = (run: CommandRun) => run.service<OutboxService>(async () => (await import('./outbox.service.js')).OutboxService);

export const OUTBOX_COMMANDS: CommandGroup = {
  name: 'outbox',
  description: 'status messages to the national portal',
  commands: [
    command<{ status?: string; limit?: string }>({
      name: 'list',
      description: 'status messages for the national portal, in delivery order',
      options: [
        { flags: '--status <state>', description: 'pending, failed or delivered' },
        { flags: '--limit <n>', description: `at most this many, the oldest first (default 50, at most ${MAX_LIMIT})` },
      ],
      async run(run, o) {
        const state = STATES.find((s) => s === o.status);
        if (o.status !== undefined && !state) throw new CliFailure(`--status must be one of ${STATES.join(', ')}, got "${o.status}"`);
        const limit = Number(o.limit ?? 50);
        if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new CliFailure(`--limit must be a whole number from 1 to ${MAX_LIMIT}, got "${o.limit}"`);
        const page = await (await outbox(run)).list({ state, page: 1, pageSize: limit });
        run.cli.result(o.json, page, () =>
          [
            page.items.length
              ? textTable(
                  ['id', 'seq', 'state', 'attempts', 'created', 'next attempt / delivered', 'last error'],
                  page.items.map((m) => [m.id, m.seq, m.state, m.attempts, m.createdAt, m.nextAttemptAt ?? m.deliveredAt, m.lastError]),
                )
              : 'no messages',
            `${page.items.length} of ${'total' in page ? page.total : page.items.length}${o.status ? ` ${o.status}` : ''} message(s)`,
          ].join('\n'),
        );
      },
    }),
    command<{ message: string }>({
      name: 'retry',
      description: "send a failed message again (its dossier's later messages follow)",
      options: [{ flags: '--message <id>', description: 'the message id (outbox list --status failed)', required: true }],
      async run(run, o) {
        if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(o.message)) {
          throw new CliFailure(`--message must be a message id (a UUID, see outbox list), got "${o.message}"`);
        }
        const message = await (await outbox(run)).retry(o.message, new Date(), run.cli.actor);
        run.cli.result(o.json, message, () => `message ${message.id} (seq ${message.seq}) is pending again; the dispatcher sends it next`);
      },
    }),
  ],
};
