import { CliFailure } from '../cli/cli-context';
import { command, type CommandGroup, type CommandRun } from '../cli/command';
import type { IssuedToken, TokenAdminService, TokenView } from './token-admin.service';

const tokens = (run: CommandRun) => run.service<TokenAdminService>(async () => (await import('./token-admin.service.js')).TokenAdminService);

/** The lines after a token is issued: who, until when, what it replaced, the token itself. */
function issuedLines(title: string, issued: IssuedToken): string {
  return [
    `${title} ${issued.principalId}`,
    `expires: ${issued.expiresAt ?? 'never'}`,
    ...(issued.revoked ? [`revoked earlier token(s): ${issued.revoked.length ? issued.revoked.join(', ') : 'none'}`] : []),
    `token (shown once): ${issued.token}`,
  ].join('\n');
}

function tokenLine(t: TokenView): string {
  const state = t.revokedAt ? `revoked ${t.revokedAt}` : `expires ${t.expiresAt ?? 'never'}`;
  const holder = t.official ? `${t.holder} (${t.official})` : t.holder;
  return `${t.principalId}  ${t.kind.padEnd(11)}  ${holder}  created ${t.createdAt}  last used ${t.lastUsedAt ?? 'never'}  ${state}`;
}

export const ADMIN_COMMANDS: CommandGroup = {
  name: 'admin',
  description: 'admin principals',
  commands: [
    command<{ name: string; expiresIn?: string }>({
      name: 'create',
      description: 'create an admin principal and print its token (shown once)',
      options: [
        { flags: '--name <name>', description: 'who the admin is, e.g. "VP UBND tỉnh Quảng Ngãi - HCC"', required: true },
        { flags: '--expires-in <days>', description: 'days until the token expires, 1–366 (default 90)' },
      ],
      async run(run, o) {
        const issued = await (await tokens(run)).createAdmin(o.name, run.cli.actor, { expiresIn: o.expiresIn });
        run.cli.result(o.json, issued, () => issuedLines('admin principal', issued));
      },
    }),
  ],
};

export const TOKENS_COMMANDS: CommandGroup = {
  name: 'tokens',
  description: 'bearer tokens',
  commands: [
    command<{ official?: string; integration?: string; expiresIn?: string; rotate?: boolean }>({
      name: 'issue',
      description: 'issue a bearer token for an official or the portal integration (shown once)',
      options: [
        { flags: '--official <idNumber>', description: "the official's ID number (CCCD/CMND)" },
        { flags: '--integration <name>', description: 'a name for the portal integration, e.g. dvc-quoc-gia' },
        { flags: '--expires-in <days>', description: 'days until the token expires, 1–366 (default: 90 for an official, never for an integration)' },
        { flags: '--rotate', description: "revoke the official's (or the integration's of that name) earlier tokens in the same transaction" },
      ],
      async run(run, o) {
        if ((o.official === undefined) === (o.integration === undefined)) {
          throw new CliFailure('give exactly one of --official ID_NUMBER or --integration NAME', 'CLI_USAGE');
        }
        const service = await tokens(run);
        const opts = { expiresIn: o.expiresIn, rotate: o.rotate };
        const issued =
          o.official !== undefined ? await service.issueForOfficial(o.official, run.cli.actor, opts) : await service.issueForIntegration(o.integration!, run.cli.actor, opts);
        run.cli.result(o.json, issued, () => issuedLines('principal', issued));
      },
    }),
    command<{ principal: string }>({
      name: 'revoke',
      description: 'revoke a token; within a second every request with it gets 401',
      options: [{ flags: '--principal <id>', description: 'the principalId printed when the token was issued', required: true }],
      async run(run, o) {
        const revoked = await (await tokens(run)).revoke(o.principal, run.cli.actor);
        run.cli.result(o.json, revoked, () => `revoked principal ${revoked.principalId} (${revoked.kind} ${revoked.name}) at ${revoked.revokedAt}`);
      },
    }),
    command<{ active?: boolean }>({
      name: 'list',
      description: 'list principals: holder, kind, created, last used, expiry, revocation (never the token)',
      options: [{ flags: '--active', description: 'only tokens that still work (neither revoked nor expired)' }],
      async run(run, o) {
        const list = await (await tokens(run)).list({ active: o.active });
        run.cli.result(o.json, { tokens: list }, () => (list.length ? list.map(tokenLine).join('\n') : 'no tokens'));
      },
    }),
  ],
};

