// What every admin command shares: who is at the console, how results are printed, how a group answers alone.
import { userInfo } from 'node:os';
import { CommandRunner, Option } from 'nest-commander';
import { consoleUserFromEnvironment } from './config/config';

export interface CliStreams {
  out(text: string): void;
  err(text: string): void;
}

/** A failure the command has already explained; the CLI exits non-zero with this message on stderr. */
export class CliFailure extends Error {}

function consoleUser(): string {
  try {
    return userInfo().username;
  } catch {
    // No passwd entry (some containers): the environment is the best we have.
    return consoleUserFromEnvironment();
  }
}

export class CliContext {
  /** Set once a command printed its result, so a later failure does not print a second JSON object. */
  resultPrinted = false;

  constructor(
    readonly streams: CliStreams,
    /** The audit actor for every change made from the console. */
    readonly actor = `cli:${consoleUser()}`,
  ) {}

  /** With --json exactly one JSON object on stdout; otherwise the readable form. */
  result(json: boolean | undefined, value: object, readable: () => string): void {
    this.streams.out(json ? `${JSON.stringify(value)}\n` : `${readable()}\n`);
    this.resultPrinted = true;
  }

  warn(message: string): void {
    this.streams.err(`${message}\n`);
  }
}

export interface JsonOption {
  json?: boolean;
}

/** Every command accepts --json (API.md). */
export abstract class JsonCommand<O extends JsonOption = JsonOption> extends CommandRunner {
  abstract override run(args: string[], options: O): Promise<void>;

  @Option({ flags: '--json', description: 'print exactly one JSON object on stdout' })
  parseJson(): boolean {
    return true;
  }
}

/** `permissions` alone prints its subcommands; `permissions frob` is an unknown command. */
export abstract class CommandGroup extends CommandRunner {
  async run(args: string[]): Promise<void> {
    if (args.length) throw new CliFailure(`unknown command "${this.command.name()} ${args[0]}"; see "${this.command.name()} --help"`);
    this.command.help({ error: true });
  }
}
