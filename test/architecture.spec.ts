// The rooms of src/ hold to architecture.json: no arrow it does not allow, no cycle, migrations on
// their own; ESLint says the same; docs/development.md draws it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { allowedArrows, architecture, findCycle, importsOf, reduced, ROOT, roomArrows, sources } from './support/import-graph';

const DEVELOPMENT = join(ROOT, 'docs/development.md');
const BEGIN = '<!-- rooms: generated from architecture.json by test/architecture.spec.ts (UPDATE_DOCS=1 rewrites it) -->';
const END = '<!-- /rooms -->';

/** The section of docs/development.md between the markers: the reduced arrows as a Mermaid chart, then every room's list. */
function roomsSection(): string {
  const rooms = architecture();
  const id = (room: string) => room.replace(/[^a-z]/g, '_');
  const chart = reduced(allowedArrows(rooms)).map(({ from, to }) => `  ${id(from)}[${from}] --> ${id(to)}[${to}]`);
  const table = Object.entries(rooms).map(([room, r]) => `| \`${room}\` | ${r.what} | ${r.may === '*' ? 'any room' : r.may.map((m) => `\`${m}\``).join(', ') || '—'} |`);
  return [BEGIN, '', '```mermaid', 'flowchart TD', ...chart, '```', '', '| room | what | may import |', '|---|---|---|', ...table, '', END].join('\n');
}

/** The rules ESLint reports on `text` as if it were the file `path` (the project's own config). */
function lint(path: string, text: string): string[] {
  const run = spawnSync(join(ROOT, 'node_modules/.bin/eslint'), ['--format', 'json', '--stdin', '--stdin-filename', path], { cwd: ROOT, input: text, encoding: 'utf8' });
  const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string | null }[] }[];
  return result.messages.map((m) => m.ruleId ?? 'parse error');
}

describe('architecture', () => {
  const arrows = roomArrows();

  it('allows no cycle, and names only rooms that exist', () => {
    const rooms = architecture();
    expect(findCycle(allowedArrows(rooms))).toBeNull();
    expect(allowedArrows(rooms).filter(({ to }) => !(to in rooms))).toEqual([]);
  });

  it('has no arrow between rooms that architecture.json does not allow', () => {
    const rooms = architecture();
    const forbidden = arrows.filter(({ from, to }) => !rooms[from] || (rooms[from].may !== '*' && !rooms[from].may.includes(to)));
    expect(forbidden).toEqual([]);
  });

  it('has no cycle between rooms', () => {
    expect(findCycle(arrows)).toBeNull();
  });

  it('finds the cycle a planted import makes', () => {
    const planted = roomArrows([['src/calendar/calendar.service.ts', 'src/dossiers/dossier-reads.service.ts']]);
    expect(findCycle(planted)).toEqual(expect.arrayContaining(['calendar', 'dossiers']));
  });

  it('keeps migrations off the application: no migration imports src/', () => {
    const reaching = sources('migrations').flatMap((f) => importsOf(f).filter((t) => t.startsWith('src/')).map((t) => `${f} => ${t}`));
    expect(reaching).toEqual([]);
  });

  it('is what ESLint enforces: a planted import against the map fails the lint', () => {
    const wrong = lint('src/dossiers/planted.ts', "import { DeadlinePassService } from '../deadlines/deadline-pass.service';\nexport const x = DeadlinePassService;\n");
    expect(wrong).toContain('boundaries/dependencies');
    const right = lint('src/dossiers/planted.ts', "import { emptyPage } from '../ledger/pages';\nexport const x = emptyPage;\n");
    expect(right).not.toContain('boundaries/dependencies');
  }, 60_000);

  it('is drawn in docs/development.md', () => {
    const text = readFileSync(DEVELOPMENT, 'utf8');
    const start = text.indexOf(BEGIN);
    const end = text.indexOf(END) + END.length;
    expect(start).toBeGreaterThanOrEqual(0);
    const current = text.slice(start, end);
    if (process.env.UPDATE_DOCS === '1') writeFileSync(DEVELOPMENT, text.slice(0, start) + roomsSection() + text.slice(end));
    else expect(current).toBe(roomsSection());
  });
});
