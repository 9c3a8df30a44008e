import { Command, Option, SubCommand } from 'nest-commander';
import { CliContext, CliFailure, CommandGroup, JsonCommand, type JsonOption, textTable } from '../cli/cli-context';
import { Clock } from '../common/clock';
import type { OutboxState } from '../dossiers/outbox-message.entity';
import { OutboxService } from './outbox.service';

const STATES: OutboxState[] = ['pending', 'failed', 'delivered'];
const MAX_LIMIT = 200;

type ListOptions = JsonOption & { status?: string; limit?: string };

@SubCommand({ name: 'list', description: 'status messages for the national portal, in delivery order' })
export class OutboxListCommand extends JsonCommand<ListOptions> {
  constructor(
    private readonly outbox: OutboxService,
    private readonly cli: CliContext,
  ) {
    super();
  }

  async run(_args: string[], options: ListOptions): Promise<void> {
    if (options.status !== undefined && !STATES.includes(options.status as OutboxState)) {
      throw new CliFailure(`--status must be one of ${STATES.join(', ')}, got "${options.status}"`);
    }
    const limit = Number(options.limit ?? 50);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new CliFailure(`--limit must be a whole number from 1 to ${MAX_LIMIT}, got "${options.limit}"`);
    const page = await this.outbox.list({ state: options.status as OutboxState | undefined, page: 1, pageSize: limit });
    this.cli.result(options.json, page, () =>
      [
        page.items.length
          ? textTable(
              ['id', 'seq', 'state', 'attempts', 'created', 'next attempt / delivered', 'last error'],
              page.items.map((m) => [m.id, m.seq, m.state, m.attempts, m.createdAt, m.nextAttemptAt ?? m.deliveredAt, m.lastError]),
            )
          : 'no messages',
        `${page.items.length} of ${page.total}${options.status ? ` ${options.status}` : ''} message(s)`,
      ].join('\n'),
    );
  }

  @Option({ flags: '--status <state>', description: 'pending, failed or delivered' })
  parseStatus(value: string): string {
    return value;
  }

  @Option({ flags: '--limit <n>', description: `at most this many, the oldest first (default 50, at most ${MAX_LIMIT})` })
  parseLimit(value: string): string {
    return value;
  }
}

type RetryOptions = JsonOption & { message: string };

@SubCommand({ name: 'retry', description: "send a failed message again (its dossier's later messages follow)" })
export class OutboxRetryCommand extends JsonCommand<RetryOptions> {
  constructor(
    private readonly outbox: OutboxService,
    private readonly cli: CliContext,
    private readonly clock: Clock,
  ) {
    super();
  }

  async run(_args: string[], options: RetryOptions): Promise<void> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(options.message)) {
      throw new CliFailure(`--message must be a message id (a UUID, see outbox list), got "${options.message}"`);
    }
    const message = await this.outbox.retry(options.message, this.clock.now(), this.cli.actor);
    this.cli.result(options.json, message, () => `message ${message.id} (seq ${message.seq}) is pending again; the dispatcher sends it next`);
  }

  @Option({ flags: '--message <id>', description: 'the message id (outbox list --status failed)', required: true })
  parseMessage(value: string): string {
    return value;
  }
}

@Command({ name: 'outbox', description: 'status messages to the national portal', subCommands: [OutboxListCommand, OutboxRetryCommand] })
export class OutboxCommand extends CommandGroup {}
