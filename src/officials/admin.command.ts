import { Command, Option, SubCommand } from 'nest-commander';
import { CliContext, CommandGroup, JsonCommand, type JsonOption } from '../cli-context';
import { TokenAdminService } from './token-admin.service';

@SubCommand({ name: 'create', description: 'create an admin principal and print its token (shown once)' })
export class AdminCreateCommand extends JsonCommand<JsonOption & { name: string }> {
  constructor(
    private readonly tokens: TokenAdminService,
    private readonly cli: CliContext,
  ) {
    super();
  }

  async run(_args: string[], options: JsonOption & { name: string }): Promise<void> {
    const issued = await this.tokens.createAdmin(options.name, this.cli.actor);
    this.cli.result(options.json, issued, () => `admin principal ${issued.principalId}\ntoken (shown once): ${issued.token}`);
  }

  @Option({ flags: '--name <name>', description: 'who the admin is, e.g. "VP UBND tỉnh Quảng Ngãi - HCC"', required: true })
  parseName(value: string): string {
    return value;
  }
}

@Command({ name: 'admin', description: 'admin principals', subCommands: [AdminCreateCommand] })
export class AdminCommand extends CommandGroup {}
