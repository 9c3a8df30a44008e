// ESLint: the recommended rules, the arrows allowed between the rooms of src/ (architecture.json),
// and the boundary of pure code.
//
// A pure file (domain rules, machines, the calendar, views) carries the marker `// Pure: <what>` on
// its first line. It may import neither a framework (@nestjs/*), the database (typeorm, pg), nor a
// service, controller or module; an entity only for its type. Everything under src/workflow/ and
// src/calendar/core/ must be pure and carry the marker.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

const ROOT = import.meta.dirname;
const PURE_MARKER = '// Pure: ';
const PURE_FOLDERS = ['src/workflow/', 'src/calendar/core/'];

function sources(dir) {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

const pureFiles = sources('src').filter((path) => readFileSync(join(ROOT, path), 'utf8').startsWith(PURE_MARKER));

/** Reports a file of a pure folder without the marker: the folder's purity is then stated, and checked, in each file. */
const pureMarker = {
  meta: { type: 'problem', messages: { missing: `A file under ${PURE_FOLDERS.join(' or ')} is pure: start it with "${PURE_MARKER}<what it is>".` } },
  create(context) {
    const path = relative(ROOT, context.filename).split('\\').join('/');
    if (!PURE_FOLDERS.some((folder) => path.startsWith(folder)) || path.endsWith('.spec.ts')) return {};
    return {
      Program(node) {
        if (!context.sourceCode.text.startsWith(PURE_MARKER)) context.report({ node, messageId: 'missing' });
      },
    };
  },
};

const IMPURE = 'pure code (marked "// Pure:") decides and computes only';

// One element per room, the first that matches a file's folder wins: calendar/core before calendar, and
// the composition root (src itself, so what no room holds) last.
const ARCHITECTURE = JSON.parse(readFileSync(join(ROOT, 'architecture.json'), 'utf8')).rooms;
const ROOMS = Object.keys(ARCHITECTURE);
const byDepth = (a, b) => (a === '(root)') - (b === '(root)') || b.split('/').length - a.split('/').length;
const elements = [...ROOMS].sort(byDepth).map((room) => ({ type: room, pattern: room === '(root)' ? 'src' : `src/${room}` }));
const allowedFrom = (room) => (ARCHITECTURE[room].may === '*' ? ROOMS : [room, ...ARCHITECTURE[room].may]);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', 'examples/**', 'scripts/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { local: { rules: { 'pure-marker': pureMarker } } },
    rules: {
      'local/pure-marker': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },
  // Tests and benchmarks read JSON answers loosely.
  { files: ['test/**/*.ts', 'bench/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  {
    files: pureFiles,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*'], message: `${IMPURE}: no framework.` },
            { group: ['typeorm', 'typeorm/*', 'pg', 'pg/*', 'pg-*'], message: `${IMPURE}: no database.` },
            { group: ['**/*.service', '**/*.controller', '**/*.module', '**/*.guard', '**/*.command'], message: `${IMPURE}: services act, pure code does not call them.` },
            { group: ['**/*.entity'], allowTypeImports: true, message: `${IMPURE}: an entity's type describes a row; its class belongs to the database.` },
          ],
        },
      ],
    },
  },
  // The arrows between rooms: an import a room's entry in architecture.json does not allow is an error.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.spec.ts'],
    plugins: { boundaries },
    settings: {
      // Relative imports of .ts files are all there is to resolve.
      'import/resolver': { node: { extensions: ['.ts'] } },
      'boundaries/elements': elements,
      'boundaries/include': ['src/**/*.ts'],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: [
            ...ROOMS.map((room) => ({ from: { element: { type: room } }, allow: { to: { element: { types: { anyOf: allowedFrom(room) } } } } })),
            { allow: { to: { module: { origin: 'external' } } } },
            { allow: { to: { module: { origin: 'core' } } } },
          ],
        },
      ],
    },
  },
  // The console acts only through the capabilities' services: no ledger, no DataSource options, no other room's rows.
  {
    files: ['src/console/**/*.ts'],
    ignores: ['src/**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/ledger/*', '**/database/*'], message: 'the console acts only through services.' },
            { group: ['../*/*.entity', '../../*/*.entity'], allowTypeImports: true, message: 'the console acts only through services: another room\'s rows are its own.' },
          ],
        },
      ],
    },
  },
  // One validated config: every variable is declared, typed and checked in src/config/config.ts.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/config/config.ts', 'src/**/*.spec.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'read the environment through loadConfig() (src/config/config.ts), where each variable is declared and checked.' },
      ],
    },
  },
);
