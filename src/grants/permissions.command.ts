import { CliFailure, textTable } from '../cli/cli-context';
import { command, type CommandGroup, type CommandRun } from '../cli/command';
import { importCommand } from '../cli/import-command';
import { toCsv } from '../common/csv';
import { GRANT_COLUMNS } from './grant-columns';
import type { GrantImportService } from './grant-import.service';
import type { GrantView, GrantsService } from './grants.service';

type GrantOptions = { official: string; procedure: string; step: string };

const grants = (run: CommandRun) => run.service<GrantsService>(async () => (await import('./grants.service.js')).GrantsService);
const grantLine = (g: GrantView) => `${g.procedure} / ${g.step} for ${g.fullName} (${g.official}, ${g.unitCode})`;
const input = (o: GrantOptions) => ({ idNumber: o.official, procedureCode: o.procedure, step: o.step });

/** --official, --procedure and --step, shared by grant and revoke. */
const GRANT_FLAGS = [
  { flags: '--official <idNumber>', description: "the official's ID number (CCCD/CMND)", required: true },
  { flags: '--procedure <code>', description: 'a procedure code (unpaid-leave-support, wage-loan-support, or one deployed)', required: true },
  { flags: '--step <step>', description: 'e.g. insurance-confirmation, district-appraisal', required: true },
];

/** The columns of `permissions list --csv`; the first three are what `permissions import` reads. */
const LIST_COLUMNS = ['official_id', 'full_name', 'unit_code', 'procedure', 'step', 'granted_at'];

export const PERMISSIONS_COMMANDS: CommandGroup = {
  name: 'permissions',
  description: 'which official may act on which step',
  commands: [
    command<GrantOptions>({
      name: 'grant',
      description: 'let an official act on one step of one procedure',
      options: GRANT_FLAGS,
      async run(run, o) {
        const r = await (await grants(run)).grant(input(o), run.cli.actor);
        run.cli.result(o.json, r, () => `${r.created ? 'granted' : 'already granted'}: ${grantLine(r.grant)}`);
      },
    }),
    command<GrantOptions>({
      name: 'revoke',
      description: 'take one step of one procedure away from an official',
      options: GRANT_FLAGS,
      async run(run, o) {
        const r = await (await grants(run)).revoke(input(o), run.cli.actor);
        run.cli.result(o.json, r, () => `revoked: ${grantLine(r.revoked)}`);
      },
    }),
    command<{ official?: string; csv?: boolean }>({
      name: 'list',
      description: 'list grants, of one official or of all (a table, --csv or --json)',
      options: [
        { flags: '--official <idNumber>', description: "only this official's grants" },
        { flags: '--csv', description: 'print CSV (UTF-8 with BOM) that permissions import reads back' },
      ],
      async run(run, o) {
        if (o.csv && o.json) throw new CliFailure('give --csv or --json, not both', 'CLI_USAGE');
        const list = await (await grants(run)).list(o.official);
        const rows = list.map((g) => [g.official, g.fullName, g.unitCode, g.procedure, g.step, g.grantedAt]);
        if (o.csv) {
          // UTF-8 with a BOM, so that Excel shows the Vietnamese names; importable back with `permissions import`.
          run.cli.streams.out(`\uFEFF${toCsv(LIST_COLUMNS, rows)}`);
          run.cli.resultPrinted = true;
          return;
        }
        run.cli.result(o.json, { grants: list }, () => (list.length ? textTable(LIST_COLUMNS, rows) : 'no grants'));
      },
    }),
    importCommand({
      what: 'grants',
      description: `grant many steps at once from a CSV with the header ${GRANT_COLUMNS.join(',')} (one transaction)`,
      write: async (run, csv, options) =>
        (await run.service<GrantImportService>(async () => (await import('./grant-import.service.js')).GrantImportService)).importGrants(csv, options),
    }),
  ],
};
