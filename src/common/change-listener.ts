import { Logger } from '@nestjs/common';
import { Client } from 'pg';

/** What a listener hears and what it tells the logs about it. */
export interface Channel {
  /** The channel the tables' triggers notify. */
  name: string;
  /** "principal changes": what the channel carries. */
  subject: string;
  /** What the instance does while it cannot listen, and once it listens again. */
  whileDown: string;
  whenBack: string;
}

const RECONNECT_MS = 1_000;

/**
 * One connection of its own LISTENing on a channel the tables' triggers notify, whoever writes
 * (this instance, another one, the CLI, psql): each notification calls `changed`. While the
 * connection is down nothing can be trusted to be fresh, so `live` is false (a cache is not used)
 * and `changed` is called on losing it and again once listening, as anything may have changed between.
 */
export class ChangeListener {
  private readonly logger: Logger;
  private client: Client | null = null;
  private listening = false;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;
  /** Said once per outage, not at every retry. */
  private warned = false;

  constructor(
    private readonly url: string,
    private readonly channel: Channel,
    private readonly changed: () => void,
  ) {
    this.logger = new Logger(`Listener:${channel.name}`);
  }

  get live(): boolean {
    return this.listening;
  }

  start(): void {
    if (this.client || this.stopped || this.retry) return;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.listening = false;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    this.retry = null;
    const client = new Client({ connectionString: this.url, application_name: 'dvc-workflow-listener' });
    this.client = client;
    client.on('notification', () => this.changed());
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel.name}`);
      if (this.client !== client) return;
      this.changed();
      this.listening = true;
      if (this.warned) this.logger.log(`listening for ${this.channel.subject} again; ${this.channel.whenBack}`);
      this.warned = false;
    } catch (error) {
      if (!this.warned) this.logger.warn(`cannot listen for ${this.channel.subject} (${(error as Error).message}); ${this.channel.whileDown}`);
      this.warned = true;
      this.lost(client);
    }
  }

  private lost(client: Client): void {
    if (this.client !== client) return;
    this.client = null;
    this.listening = false;
    this.changed();
    client.end().catch(() => undefined);
    if (this.stopped) return;
    this.retry = setTimeout(() => void this.connect(), RECONNECT_MS);
    this.retry.unref();
  }
}
