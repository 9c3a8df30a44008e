import { type LoadResult, summarize } from './stats';

// autocannon ships no types; this is the part the bench uses.
interface RawRequest {
  method?: string;
  path?: string;
  body?: string;
  headers?: Record<string, string>;
}
interface AutocannonOptions {
  url: string;
  connections: number;
  amount: number;
  method: string;
  headers: Record<string, string>;
  timeout: number;
  requests: { setupRequest: (req: RawRequest) => RawRequest }[];
}
interface Instance extends Promise<{ errors: number; timeouts: number }> {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (opts: AutocannonOptions) => Instance;

export interface HttpLoad {
  base: string;
  connections: number;
  /** Requests to send; next(i) gives the i-th one (i counts from 0 and never repeats). */
  amount: number;
  next: (i: number) => { path: string; body: string };
  token: string;
  /** The status a success answers with. */
  expect: number;
}

/** Sends `amount` requests over `connections` keep-alive connections; latency of successes only. */
export async function httpLoad(tool: string, load: HttpLoad): Promise<LoadResult> {
  let sent = 0;
  const latencies: number[] = [];
  let wrong = 0;
  const statuses = new Map<number, number>();
  const began = process.hrtime.bigint();
  const instance = autocannon({
    url: load.base,
    connections: load.connections,
    amount: load.amount,
    method: 'POST',
    timeout: 30,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${load.token}` },
    requests: [{ setupRequest: (req) => ({ ...req, ...load.next(sent++) }) }],
  });
  instance.on('response', (_client, status, _bytes, ms) => {
    if (status === load.expect) latencies.push(ms);
    else {
      wrong++;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  });
  const result = await instance;
  const seconds = Number(process.hrtime.bigint() - began) / 1e9;
  if (wrong > 0) console.warn(`${tool}: ${wrong} answers were not ${load.expect}: ${JSON.stringify(Object.fromEntries(statuses))}`);
  return summarize(tool, load.connections, latencies.length, seconds, latencies, wrong + result.errors + result.timeouts);
}
