import { CliFailure, textTable } from '../cli/cli-context';
import { command, type CommandGroup } from '../cli/command';
import { importCommand } from '../cli/import-command';
import { OFFICIAL_COLUMNS } from './directory-columns';
import type { OfficialsImportReport } from './directory-import.service';
import type { OfficialMoveService } from './official-move.service';
import type { OfficialStatusService } from './official-status.service';
import type { SignerService } from './signer.service';
import { directoryImport, directoryList } from './units.command';

const OFFICIAL = { flags: '--official <idNumber>', description: "the official's ID number (CCCD/CMND)", required: true };

/** `officials activate|deactivate --official ID_NUMBER`. */
function statusCommand(name: string, description: string, active: boolean) {
  return command<{ official: string }>({
    name,
    description,
    options: [OFFICIAL],
    async run(run, o) {
      const status = await run.service<OfficialStatusService>(async () => (await import('./official-status.service.js')).OfficialStatusService);
      const r = await status.setActive(o.official, active, run.cli.actor);
      run.cli.result(o.json, r, () => `${r.fullName} (${r.official}, ${r.unitCode}): ${r.changed ? 'now' : 'already'} ${r.active ? 'active' : 'inactive'}`);
    },
  });
}

export const OFFICIALS_COMMANDS: CommandGroup = {
  name: 'officials',
  description: 'officials of the units',
  commands: [
    importCommand<OfficialsImportReport>({
      what: 'officials',
      description: `upsert officials by id_number from a CSV with the header ${OFFICIAL_COLUMNS.join(',')} (and optionally may_sign)`,
      write: async (run, csv, options) => (await directoryImport(run)).importOfficials(csv, options),
      changes: (r) => `; ${r.moved} moved to another unit (${r.grantsRevoked} grant(s), ${r.tokensRevoked} token(s) revoked)`,
    }),
    command<{ unit?: string; inactive?: boolean }>({
      name: 'list',
      description: 'the active officials (--inactive: the deactivated too), of one unit or all',
      options: [
        { flags: '--unit <code>', description: 'only the officials of this unit' },
        { flags: '--inactive', description: 'list the deactivated officials too' },
      ],
      async run(run, o) {
        const officials = await (await directoryList(run)).officials(o);
        run.cli.result(o.json, { officials }, () =>
          officials.length
            ? textTable(
                ['unit', 'id_number', 'phone', 'status', 'signs', 'grants', 'full_name'],
                officials.map((x) => [x.unitCode, x.idNumber, x.phone, x.active ? 'active' : 'inactive', x.maySign ? 'yes' : '', x.grants, x.fullName]),
              )
            : 'no officials',
        );
      },
    }),
    statusCommand('deactivate', "stop an official's token within a second (left the unit); grants and history stay", false),
    statusCommand('activate', 'let a deactivated official act again', true),
    command<{ official: string; maySign: string }>({
      name: 'signer',
      description: 'let an official sign documents for the unit (the apology letter, form 04), or stop it',
      options: [OFFICIAL, { flags: '--may-sign <yes|no>', description: 'yes: may sign documents for the unit; no: may not', required: true }],
      async run(run, o) {
        const value = o.maySign.toLowerCase();
        if (!['yes', 'no', 'true', 'false'].includes(value)) throw new CliFailure(`--may-sign must be yes or no, got "${o.maySign}"`);
        const signers = await run.service<SignerService>(async () => (await import('./signer.service.js')).SignerService);
        const r = await signers.setMaySign(o.official, value === 'yes' || value === 'true', run.cli.actor);
        run.cli.result(o.json, r, () => `${r.fullName} (${r.official}, ${r.unitCode}): ${r.changed ? 'now' : 'already'} ${r.maySign ? 'may sign for the unit' : 'may not sign'}`);
      },
    }),
    command<{ official: string; unit: string }>({
      name: 'move',
      description: 'move an official to another unit; their grants, tokens and right to sign are revoked',
      options: [OFFICIAL, { flags: '--unit <code>', description: 'the code of the unit the official now works for', required: true }],
      async run(run, o) {
        const moves = await run.service<OfficialMoveService>(async () => (await import('./official-move.service.js')).OfficialMoveService);
        const r = await moves.move(o.official, o.unit, run.cli.actor);
        run.cli.result(o.json, r, () =>
          r.changed
            ? `${r.fullName} (${r.official}): moved from ${r.fromUnit} to ${r.toUnit}; ${r.grantsRevoked} grant(s) and ${r.tokensRevoked} token(s) revoked`
            : `${r.fullName} (${r.official}): already of ${r.toUnit}`,
        );
      },
    }),
  ],
};
