// The `dvc` program: commander's tree of the command groups, and bash completion drawn from it.
import { Command } from 'commander';
import type { CliStreams } from './cli-context';
import { CliFailure } from './cli-context';
import type { CommandGroup, CommandSpec, ParsedOptions } from './command';

/** What running a command needs from the program: its spec, the parsed flags and the positional arguments. */
export type Invoke = (spec: CommandSpec, options: ParsedOptions, args: string[]) => Promise<void>;

/** Commander's tree of `groups`, writing to `streams`, throwing (never exiting) on a usage error or help. */
export function program(groups: readonly CommandGroup[], version: string, streams: CliStreams, invoke: Invoke): Command {
  const root = new Command('dvc')
    .description('the admin CLI of dvc-workflow: units, officials, grants, tokens, calendars, deadlines, reports, the outbox')
    .version(version, '-V, --version', 'print the version')
    .showSuggestionAfterError()
    // A group's --json belongs to it only before its command's name; after it, to the command.
    .enablePositionalOptions();
  for (const g of groups) {
    const group = root
      .command(g.name)
      .description(g.description)
      .usage('<command> [options]')
      .argument('[command]')
      .option('--json', 'print exactly one JSON object on stdout')
      .allowExcessArguments()
      // `permissions` alone prints its commands; `permissions frob` is an unknown command.
      .action((name: string | undefined, _options: unknown, self: Command) => {
        if (name !== undefined) throw new CliFailure(`unknown command "${g.name} ${name}"; see "dvc ${g.name} --help"`, 'CLI_USAGE');
        self.help({ error: true });
      });
    for (const spec of g.commands) {
      const c = group.command(spec.name).description(spec.description);
      if (spec.arguments) c.arguments(spec.arguments);
      for (const o of spec.options ?? []) {
        if (o.required) c.requiredOption(o.flags, o.description);
        else c.option(o.flags, o.description);
      }
      c.option('--json', 'print exactly one JSON object on stdout');
      c.action((...params: unknown[]) => {
        const self = params.at(-1) as Command;
        return invoke(spec, self.opts(), self.args);
      });
    }
  }
  const all = [root, ...root.commands, ...root.commands.flatMap((g) => g.commands)];
  for (const c of all) {
    c.exitOverride().configureOutput({ writeOut: (s) => streams.out(s), writeErr: (s) => streams.err(s) });
  }
  root
    .command('completion')
    .description('print a completion script: `source <(dvc completion bash)`')
    .argument('<shell>', 'bash')
    .action((shell: string) => {
      if (shell !== 'bash') throw new CliFailure(`completion is written for bash; got "${shell}"`, 'CLI_USAGE');
      streams.out(bashCompletion(groups));
    })
    .exitOverride()
    .configureOutput({ writeOut: (s) => streams.out(s), writeErr: (s) => streams.err(s) });
  return root;
}

const flagsOf = (spec: CommandSpec) => [...(spec.options ?? []).map((o) => o.flags.split(/[ ,<[]/)[0]), '--json', '--help'];

/** A bash completion function for `dvc`: groups, then their commands, then a command's flags; files after an import. */
export function bashCompletion(groups: readonly CommandGroup[]): string {
  const cases = groups.flatMap((g) => g.commands.map((c) => `    "${g.name} ${c.name}") words="${flagsOf(c).join(' ')}" ;;`));
  const subs = groups.map((g) => `    ${g.name}) words="${g.commands.map((c) => c.name).join(' ')}" ;;`);
  return `# bash completion for dvc (dvc completion bash)
_dvc() {
  local cur=\${COMP_WORDS[COMP_CWORD]} words
  if [ "$COMP_CWORD" -eq 1 ]; then
    words="${[...groups.map((g) => g.name), 'completion', '--help', '--version'].join(' ')}"
  elif [ "$COMP_CWORD" -eq 2 ]; then
    case "\${COMP_WORDS[1]}" in
${subs.join('\n')}
    completion) words="bash" ;;
    esac
  else
    case "\${COMP_WORDS[1]} \${COMP_WORDS[2]}" in
${cases.join('\n')}
    esac
    if [[ "$cur" != -* && "\${COMP_WORDS[2]}" == import ]]; then COMPREPLY=($(compgen -f -- "$cur")); return; fi
  fi
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -F _dvc dvc
`;
}
