// Pure: the admin commands as data: names, options and help are known without loading Nest or the
// database, so `dvc --help` answers at once; a command reaches services only as it runs.
import type { OptionValues } from 'commander';
import type { CliContext, JsonOption } from './cli-context';

export interface OptionSpec {
  /** As commander writes them: `--date <YYYY-MM-DD>`, `--strict`. */
  flags: string;
  description: string;
  required?: boolean;
}

/** What a running command may use: the console's streams and actor, and services, started on first use. */
export interface CommandRun {
  readonly cli: CliContext;
  /** The service of class `load()` resolves to, from the CLI's Nest context (connected to the database on first use). */
  service<T>(load: () => Promise<abstract new (...args: never[]) => T>): Promise<T>;
}

/** The flags as commander parses them, by their camel-cased names. */
export type ParsedOptions = OptionValues;

export interface CommandSpec<O = ParsedOptions> {
  name: string;
  description: string;
  /** Positional arguments, e.g. `<file>`. */
  arguments?: string;
  options?: OptionSpec[];
  run(run: CommandRun, options: O & JsonOption, args: string[]): Promise<void>;
}

export interface CommandGroup {
  name: string;
  description: string;
  commands: CommandSpec[];
}

/** A command whose options are typed as `O`: the flags it declares, as commander hands them over. */
export function command<O>(spec: CommandSpec<O>): CommandSpec {
  // The one place untyped flags meet the command's type: commander parsed exactly the flags `spec` declares.
  return { ...spec, run: (run, options, args) => spec.run(run, options as O & JsonOption, args) };
}
