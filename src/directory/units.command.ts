import { textTable } from '../cli/cli-context';
import { command, type CommandGroup, type CommandRun } from '../cli/command';
import { importCommand } from '../cli/import-command';
import type { DirectoryImportService, UnitsImportReport } from './directory-import.service';
import type { DirectoryListService } from './directory-list.service';
import { UNIT_COLUMNS, UNIT_OPTIONAL_COLUMNS } from './directory-columns';

export const directoryImport = (run: CommandRun) => run.service<DirectoryImportService>(async () => (await import('./directory-import.service.js')).DirectoryImportService);
export const directoryList = (run: CommandRun) => run.service<DirectoryListService>(async () => (await import('./directory-list.service.js')).DirectoryListService);

export const UNITS_COMMANDS: CommandGroup = {
  name: 'units',
  description: 'agency units (BHXH, UBND, NHCSXH, Sở LĐTBXH)',
  commands: [
    importCommand<UnitsImportReport>({
      what: 'units',
      description: `upsert units by code from a CSV with the header ${UNIT_COLUMNS.join(',')} (optional: ${UNIT_OPTIONAL_COLUMNS.join(',')})`,
      write: async (run, csv, options) => (await directoryImport(run)).importUnits(csv, options),
      changes: (r) => `; ${r.changed} changed kind or area (${r.grantsRevoked} grant(s) that no longer fit revoked)`,
    }),
    command({
      name: 'list',
      description: 'the units, with their number of active officials',
      async run(run, o) {
        const units = await (await directoryList(run)).units();
        run.cli.result(o.json, { units }, () =>
          units.length
            ? textTable(['code', 'kind', 'province', 'district', 'officials', 'name'], units.map((u) => [u.code, u.kind, u.provinceCode, u.districtCode, u.officials, u.name]))
            : 'no units (units import FILE.csv adds them)',
        );
      },
    }),
  ],
};
