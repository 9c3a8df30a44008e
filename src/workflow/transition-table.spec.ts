import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROCEDURES } from './definitions';
import { transitionTable } from './transition-table';

// The tables were written from the machines as they stood before procedures became data; every
// machine compiled since must match them cell by cell. After a deliberate change of behaviour,
// `npm run tables:transitions` rewrites them (review the diff like code).
const DIR = join(__dirname, 'transition-tables');
const file = (name: string) => join(DIR, `${name}.json`);

describe('frozen transition tables', () => {
  const tables = PROCEDURES.map((p) => transitionTable(p));
  if (process.env.UPDATE_TABLES === '1') for (const t of tables) writeFileSync(file(t.procedure), `${JSON.stringify(t, null, 1)}\n`);

  it('has one table per procedure version, and no other', () => {
    const names = readdirSync(DIR).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
    expect(names.sort()).toEqual(tables.map((t) => t.procedure).sort());
  });

  it.each(tables.map((t) => [t.procedure, t] as const))('%s: the machine makes every move of its frozen table', (name, table) => {
    expect(existsSync(file(name))).toBe(true);
    const frozen = JSON.parse(readFileSync(file(name), 'utf8'));
    // States first (clearer when one appears or vanishes), then every cell.
    expect(table.states.map((s) => s.state)).toEqual(frozen.states.map((s: { state: string }) => s.state));
    expect(table).toEqual(frozen);
  });

  it('walks supplement loops, acceptance, refusals and every final state', () => {
    const t = tables.find((x) => x.procedure === 'unpaid-leave-support@1')!;
    const values = new Set(t.states.map((s) => s.state.split(' ')[0]));
    expect(t.states.some((s) => s.state.startsWith('insurance-confirmation (signed online, asked 1, returnTo -, accepted)'))).toBe(true);
    expect(values).toEqual(new Set(['submission', 'insurance-confirmation', 'district-appraisal', 'provincial-approval', 'awaiting-supplement', 'approved', 'rejected', 'withdrawn']));
    const refusals = new Set(t.states.flatMap((s) => Object.values(s.on)).flatMap((c) => (c.startsWith('refused ') ? [c.split(' ')[1]] : [])));
    for (const code of ['DOSSIER_REASON_REQUIRED', 'DOSSIER_GROUND_UNKNOWN', 'DOSSIER_GROUND_NOT_APPLICABLE', 'DOSSIER_SUPPLEMENT_ALREADY_REQUESTED',
      'DOSSIER_PAPER_SUPPLEMENT_FORBIDDEN', 'DOSSIER_EXCLUSION_INVALID', 'DOSSIER_INELIGIBLE_MUST_REJECT', 'DOSSIER_FIELD_NOT_EXPECTED']) {
      expect(refusals).toContain(code);
    }
  });
});
