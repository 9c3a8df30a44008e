// `npm run cli` and `npm run migration:run`: build only when a source is newer than the build,
// so an administrator's command answers in about a second instead of waiting for tsc each time.
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const BUILT = join(ROOT, 'dist', 'cli.js'); // written last by the build (scripts/postbuild.js)
const SOURCES = ['src', 'migrations', 'tsconfig.json', 'tsconfig.build.json', 'nest-cli.json', 'package.json', 'scripts/postbuild.js'];

/** The latest modification time under a file or folder. */
function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs);
}

const stale = !existsSync(BUILT) || SOURCES.some((s) => existsSync(join(ROOT, s)) && newest(join(ROOT, s)) > statSync(BUILT).mtimeMs);
if (stale) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const { status } = spawnSync(npm, ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (status !== 0) {
    console.error('error: the build failed (npm run build shows why)');
    process.exit(status || 1);
  }
}
