import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Injectable } from '@nestjs/common';
import { TokenAdminService } from '../auth/token-admin.service';
import { DirectoryImportService } from '../directory/directory-import.service';
import { SignerService } from '../directory/signer.service';
import { GrantsService } from '../grants/grants.service';

/** The audit trail's actor of what the demo sets up. */
const ACTOR = 'system:demo';

/** Tuesday 12 May 2020, 10:00 in Vietnam: Quảng Ngãi starts taking the two procedures online that day (dispatch 2107/UBND-HCC). */
export const DEMO_START = new Date('2020-05-12T10:00:00+07:00');

/** Who acts in the demo: an official of each step in TP Quảng Ngãi (examples/officials.csv), and what they may do. */
const PEOPLE = [
  { name: 'OFFICIAL', idNumber: '051083004512', steps: ['insurance-confirmation'], signs: true }, // BHXH TP Quảng Ngãi
  { name: 'DISTRICT', idNumber: '051087006203', steps: ['district-appraisal'], signs: true }, // UBND TP Quảng Ngãi
  { name: 'PROVINCE', idNumber: '051080003388', steps: ['provincial-approval'], signs: true }, // UBND tỉnh Quảng Ngãi
  { name: 'BANK', idNumber: '051186005521', steps: ['bank-lending'], signs: true }, // NHCSXH Quảng Ngãi
] as const;

const PROCEDURES = ['unpaid-leave-support', 'wage-loan-support'];
const PORTAL_NAME = 'dvc-quoc-gia';

/** The folder of the sample spreadsheets, from the source tree or the build. */
function examples(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) if (existsSync(join(dir, 'examples', 'units.csv'))) return join(dir, 'examples');
  throw new Error('examples/units.csv not found beside the build: the demo needs the repository');
}

/** KEY=value lines. */
function readEnv(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  return Object.fromEntries(readFileSync(file, 'utf8').split('\n').flatMap((l) => (/^[A-Z]+=/.test(l) ? [[l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]] : [])));
}

/**
 * A province to try the service with (`npm run demo`): the sample units and officials of Quảng Ngãi
 * and Cần Thơ, an official of each step of TP Quảng Ngãi granted it and allowed to sign, and tokens
 * for them, the portal and an admin, kept in `demo.env` of the data folder so they survive a restart.
 * Everything goes through the services an administrator's commands use, audited as `system:demo`.
 */
@Injectable()
export class DemoProvince {
  constructor(
    private readonly directory: DirectoryImportService,
    private readonly grants: GrantsService,
    private readonly signers: SignerService,
    private readonly tokens: TokenAdminService,
  ) {}

  /** Opens the demo province and writes `file` (PORT and the tokens as KEY=value lines); returns the tokens. */
  async open(file: string, port: number, adminToken: string): Promise<Record<string, string>> {
    const dir = examples();
    await this.directory.importUnits(readFileSync(join(dir, 'units.csv'), 'utf8'), { actor: ACTOR, source: 'units.csv' });
    await this.directory.importOfficials(readFileSync(join(dir, 'officials.csv'), 'utf8'), { actor: ACTOR, source: 'officials.csv' });
    const kept = readEnv(file);
    const env: Record<string, string> = { PORT: String(port), ADMIN: adminToken };
    for (const person of PEOPLE) {
      for (const procedureCode of PROCEDURES) {
        for (const step of person.steps) {
          // A step the procedure's versions do not have (the bank's in unpaid leave) is not granted.
          await this.grants.grant({ idNumber: person.idNumber, procedureCode, step }, ACTOR).catch(() => undefined);
        }
      }
      if (person.signs) await this.signers.setMaySign(person.idNumber, true, ACTOR);
      env[person.name] = await this.keep(kept[person.name], () => this.tokens.issueForOfficial(person.idNumber, ACTOR, { rotate: true }));
    }
    env.PORTAL = await this.keep(kept.PORTAL, () => this.tokens.issueForIntegration(PORTAL_NAME, ACTOR, { rotate: true }));
    mkdirSync(dirname(resolve(file)), { recursive: true });
    writeFileSync(file, `${Object.entries(env).map(([k, v]) => `${k}=${v}`).join('\n')}\n`, { mode: 0o600 });
    return env;
  }

  /** The token kept from the last start while it still works, else a new one. */
  private async keep(token: string | undefined, issue: () => Promise<{ token: string }>): Promise<string> {
    if (token && (await this.tokens.works(token))) return token;
    return (await issue()).token;
  }
}
