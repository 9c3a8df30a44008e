import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const MAIN = resolve(__dirname, '../../dist/main.js');

/** The built service (`npm test` builds first) started with the given environment, until it exits. */
async function start(env: Record<string, string>) {
  return run(process.execPath, [MAIN], { env: { ...process.env, PORT: '0', ...env }, timeout: 25_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

describe('the service refuses a configuration it must not run with (e2e)', () => {
  it('NODE_ENV=production without DATABASE_URL: no embedded database, no demo admin token, a clear message', async () => {
    const res = await start({ NODE_ENV: 'production', DATABASE_URL: '' });
    expect(res.code).toBe(1);
    expect(res.stderr).toBe(
      'bad configuration: DATABASE_URL must be set when NODE_ENV=production: the embedded PostgreSQL (and its demo admin token) is for development only\n',
    );
    expect(res.stdout).not.toMatch(/token|Embedded PostgreSQL/i);
  }, 30_000);

  it.each([
    [{ DB_POOL_SIZE: 'NaN' }, 'DB_POOL_SIZE must be an integer >= 1, got "NaN"'],
    [{ DVC_SQL_LOG: 'verbose' }, 'DVC_SQL_LOG must be one of'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV must be production, development or test, got "staging"'],
  ])('%j: refuses to start, naming the variable', async (env, message) => {
    const res = await start(env);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`bad configuration: ${message}`);
  }, 30_000);
});
