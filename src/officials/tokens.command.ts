import { Command, Option, SubCommand } from 'nest-commander';
import { CliContext, CliFailure, CommandGroup, JsonCommand, type JsonOption } from '../cli-context';
import { TokenAdminService } from './token-admin.service';

type IssueOptions = JsonOption & { official?: string; integration?: string };

@SubCommand({ name: 'issue', description: 'issue a bearer token for an official or the portal integration (shown once)' })
export class TokensIssueCommand extends JsonCommand<IssueOptions> {
  constructor(
    private readonly tokens: TokenAdminService,
    private readonly cli: CliContext,
  ) {
    super();
  }

  async run(_args: string[], options: IssueOptions): Promise<void> {
    if ((options.official === undefined) === (options.integration === undefined)) {
      throw new CliFailure('give exactly one of --official ID_NUMBER or --integration NAME');
    }
    const issued =
      options.official !== undefined
        ? await this.tokens.issueForOfficial(options.official, this.cli.actor)
        : await this.tokens.issueForIntegration(options.integration!, this.cli.actor);
    this.cli.result(options.json, issued, () => `principal ${issued.principalId}\ntoken (shown once): ${issued.token}`);
  }

  @Option({ flags: '--official <idNumber>', description: "the official's ID number (CCCD/CMND)" })
  parseOfficial(value: string): string {
    return value;
  }

  @Option({ flags: '--integration <name>', description: 'a name for the portal integration, e.g. dvc-quoc-gia' })
  parseIntegration(value: string): string {
    return value;
  }
}

@SubCommand({ name: 'revoke', description: 'revoke a token; the next request with it gets 401' })
export class TokensRevokeCommand extends JsonCommand<JsonOption & { principal: string }> {
  constructor(
    private readonly tokens: TokenAdminService,
    private readonly cli: CliContext,
  ) {
    super();
  }

  async run(_args: string[], options: JsonOption & { principal: string }): Promise<void> {
    const revoked = await this.tokens.revoke(options.principal, this.cli.actor);
    this.cli.result(options.json, revoked, () => `revoked principal ${revoked.principalId} (${revoked.kind} ${revoked.name}) at ${revoked.revokedAt}`);
  }

  @Option({ flags: '--principal <id>', description: 'the principalId printed when the token was issued', required: true })
  parsePrincipal(value: string): string {
    return value;
  }
}

@Command({ name: 'tokens', description: 'bearer tokens', subCommands: [TokensIssueCommand, TokensRevokeCommand] })
export class TokensCommand extends CommandGroup {}
