import { runCli } from '../../src/cli';

/** Runs admin commands in process against a test database, capturing both streams. */
export function cliOn(databaseUrl: string) {
  return async (...argv: string[]) => {
    let out = '';
    let err = '';
    const database = async () => ({ url: databaseUrl, stop: async () => undefined });
    const code = await runCli(argv, { database, streams: { out: (x) => void (out += x), err: (x) => void (err += x) } });
    return { code, out, err };
  };
}
