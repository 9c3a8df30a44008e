// The rooms of src/ and the imports between them, read from the code with TypeScript's own
// pre-processor; and architecture.json, the arrows they may have.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import * as ts from 'typescript';

export const ROOT = resolve(__dirname, '../..');

export interface Room {
  what: string;
  may: string[] | '*';
}

export function architecture(): Record<string, Room> {
  return JSON.parse(readFileSync(join(ROOT, 'architecture.json'), 'utf8')).rooms;
}

/** Every .ts file under `dir` (relative to the repository), specs left out. */
export function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** The files a file imports (relative imports that resolve to a file of the repository), as repository paths. */
export function importsOf(file: string, text = readFileSync(join(ROOT, file), 'utf8')): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.flatMap(({ fileName }) => {
    if (!fileName.startsWith('.')) return [];
    const target = resolve(ROOT, dirname(file), fileName);
    const found = [`${target}.ts`, join(target, 'index.ts'), target].find((f) => existsSync(f) && statSync(f).isFile());
    return found ? [relative(ROOT, found).split('\\').join('/')] : [];
  });
}

/** The room of a path under src/: its top folder, calendar/core on its own, `(root)` for the files beside main.ts. */
export function roomOf(path: string): string {
  const inside = path.replace(/^src\//, '');
  if (inside.startsWith('calendar/core/')) return 'calendar/core';
  const parts = inside.split('/');
  return parts.length > 1 ? parts[0] : '(root)';
}

export interface Arrow {
  from: string;
  to: string;
  /** One import that makes it: file => file. */
  because: string;
}

/** The arrows between rooms that the files' imports make (`extra` adds imports, for a planted one). */
export function roomArrows(extra: [string, string][] = []): Arrow[] {
  const imports = [...sources('src').flatMap((f) => importsOf(f).map((t) => [f, t] as [string, string])), ...extra];
  const arrows = new Map<string, Arrow>();
  for (const [f, t] of imports) {
    // Data shipped beside src/ (the procedures' documents) is read by a room, not a room itself.
    if (!t.startsWith('src/')) continue;
    const from = roomOf(f);
    const to = roomOf(t);
    if (from !== to && !arrows.has(`${from}>${to}`)) arrows.set(`${from}>${to}`, { from, to, because: `${f} => ${t}` });
  }
  return [...arrows.values()];
}

/** The rooms of the first cycle found among `arrows` (in order, the first repeated at the end), or null. */
export function findCycle(arrows: { from: string; to: string }[]): string[] | null {
  const next = new Map<string, string[]>();
  for (const { from, to } of arrows) next.set(from, [...(next.get(from) ?? []), to]);
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (room: string): string[] | null => {
    if (state.get(room) === 'open') return [...path.slice(path.indexOf(room)), room];
    if (state.get(room) === 'done') return null;
    state.set(room, 'open');
    path.push(room);
    for (const to of next.get(room) ?? []) {
      const cycle = visit(to);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(room, 'done');
    return null;
  };
  for (const room of next.keys()) {
    const cycle = visit(room);
    if (cycle) return cycle;
  }
  return null;
}

/** The arrows architecture.json allows, the composition root's "anything" left out. */
export function allowedArrows(rooms = architecture()): { from: string; to: string }[] {
  return Object.entries(rooms).flatMap(([from, r]) => (r.may === '*' ? [] : r.may.map((to) => ({ from, to }))));
}

/** The allowed arrows without those another path implies: what the diagram draws. */
export function reduced(arrows: { from: string; to: string }[]): { from: string; to: string }[] {
  const next = new Map<string, string[]>();
  for (const { from, to } of arrows) next.set(from, [...(next.get(from) ?? []), to]);
  const reaches = (from: string, to: string, skip: string): boolean => {
    const seen = new Set<string>();
    const stack = (next.get(from) ?? []).filter((n) => n !== skip);
    while (stack.length) {
      const n = stack.pop()!;
      if (n === to) return true;
      if (seen.has(n)) continue;
      seen.add(n);
      stack.push(...(next.get(n) ?? []));
    }
    return false;
  };
  return arrows.filter(({ from, to }) => !reaches(from, to, to));
}
