import { Command, Option, SubCommand } from 'nest-commander';
import { CliContext, CommandGroup, JsonCommand, type JsonOption } from '../cli/cli-context';
import { TokenAdminService } from './token-admin.service';
import { issuedLines } from './tokens.command';

type CreateOptions = JsonOption & { name: string; expiresIn?: string };

@SubCommand({ name: 'create', description: 'create an admin principal and print its token (shown once)' })
export class AdminCreateCommand extends JsonCommand<CreateOptions> {
  constructor(
    private readonly tokens: TokenAdminService,
    private readonly cli: CliContext,
  ) {
    super();
  }

  async run(_args: string[], options: CreateOptions): Promise<void> {
    const issued = await this.tokens.createAdmin(options.name, this.cli.actor, { expiresIn: options.expiresIn });
    this.cli.result(options.json, issued, () => issuedLines('admin principal', issued));
  }

  @Option({ flags: '--name <name>', description: 'who the admin is, e.g. "VP UBND tỉnh Quảng Ngãi - HCC"', required: true })
  parseName(value: string): string {
    return value;
  }

  @Option({ flags: '--expires-in <days>', description: 'days until the token expires, 1–366 (default 90)' })
  parseExpiresIn(value: string): string {
    return value;
  }
}

@Command({ name: 'admin', description: 'admin principals', subCommands: [AdminCreateCommand] })
export class AdminCommand extends CommandGroup {}
