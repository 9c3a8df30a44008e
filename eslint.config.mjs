// ESLint: the recommended rules, and the boundary of pure code.
//
// A pure file (domain rules, machines, the calendar, views) carries the marker `// Pure: <what>` on
// its first line. It may import neither a framework (@nestjs/*), the database (typeorm, pg), nor a
// service, controller or module; an entity only for its type. Everything under src/workflow/ and
// src/calendar/core/ must be pure and carry the marker.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import js from '@eslint/js';
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
