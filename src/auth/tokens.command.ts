import { Command, Option, SubCommand } from 'nest-commander';
import { CliContext, CliFailure, CommandGroup, JsonCommand, type JsonOption } from '../cli/cli-context';
import { type IssuedToken, TokenAdminService, type TokenView } from './token-admin.service';

type IssueOptions = JsonOption & { official?: string; integration?: string; expiresIn?: string; rotate?: boolean };

/** The lines after a token is issued: who, until when, what it replaced, the token itself. */
export function issuedLines(title: string, issued: IssuedToken): string {
  return [
    `${title} ${issued.principalId}`,
    `expires: ${issued.expiresAt ?? 'never'}`,
    ...(issued.revoked ? [`revoked earlier token(s): ${issued.revoked.length ? issued.revoked.join(', ') : 'none'}`] : []),
    `token (shown once): ${issued.token}`,
  ].join('\n');
}

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
    const opts = { expiresIn: options.expiresIn, rotate: options.rotate };
    const issued =
      options.official !== undefined
        ? await this.tokens.issueForOfficial(options.official, this.cli.actor, opts)
        : await this.tokens.issueForIntegration(options.integration!, this.cli.actor, opts);
    this.cli.result(options.json, issued, () => issuedLines('principal', issued));
  }

  @Option({ flags: '--official <idNumber>', description: "the official's ID number (CCCD/CMND)" })
  parseOfficial(value: string): string {
    return value;
  }

  @Option({ flags: '--integration <name>', description: 'a name for the portal integration, e.g. dvc-quoc-gia' })
  parseIntegration(value: string): string {
    return value;
  }

  @Option({ flags: '--expires-in <days>', description: 'days until the token expires, 1–366 (default: 90 for an official, never for an integration)' })
  parseExpiresIn(value: string): string {
    return value;
  }

  @Option({ flags: '--rotate', description: "revoke the official's (or the integration's of that name) earlier tokens in the same transaction" })
  parseRotate(): boolean {
    return true;
  }
}

@SubCommand({ name: 'revoke', description: 'revoke a token; within a second every request with it gets 401' })
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

type ListOptions = JsonOption & { active?: boolean };

function tokenLine(t: TokenView): string {
  const state = t.revokedAt ? `revoked ${t.revokedAt}` : `expires ${t.expiresAt ?? 'never'}`;
  const holder = t.official ? `${t.holder} (${t.official})` : t.holder;
  return `${t.principalId}  ${t.kind.padEnd(11)}  ${holder}  created ${t.createdAt}  last used ${t.lastUsedAt ?? 'never'}  ${state}`;
}

@SubCommand({ name: 'list', description: 'list principals: holder, kind, created, last used, expiry, revocation (never the token)' })
export class TokensListCommand extends JsonCommand<ListOptions> {
  constructor(
    private readonly tokens: TokenAdminService,
    private readonly cli: CliContext,
  ) {
    super();
  }

  async run(_args: string[], options: ListOptions): Promise<void> {
    const tokens = await this.tokens.list({ active: options.active });
    this.cli.result(options.json, { tokens }, () => (tokens.length ? tokens.map(tokenLine).join('\n') : 'no tokens'));
  }

  @Option({ flags: '--active', description: 'only tokens that still work (neither revoked nor expired)' })
  parseActive(): boolean {
    return true;
  }
}

@Command({ name: 'tokens', description: 'bearer tokens', subCommands: [TokensIssueCommand, TokensRevokeCommand, TokensListCommand] })
export class TokensCommand extends CommandGroup {}
