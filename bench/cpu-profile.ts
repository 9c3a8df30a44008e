import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  fn: string;
  where: string;
  ms: number;
  percent: number;
}

/** Self time per function+url over every .cpuprofile in `dir` (the V8 samples, weighted by their time deltas). */
export function selfTimes(dir: string): { totalMs: number; rows: SelfTime[] } {
  const byKey = new Map<string, { fn: string; where: string; us: number }>();
  let totalUs = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const us = profile.timeDeltas[i] ?? 0;
      const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
      const where = url ? `${shorten(url)}:${lineNumber + 1}` : '';
      const key = `${functionName}\u0000${where}`;
      const entry = byKey.get(key) ?? { fn: functionName || '(anonymous)', where, us: 0 };
      entry.us += us;
      byKey.set(key, entry);
      totalUs += us;
    });
  }
  const rows = [...byKey.values()]
    .sort((a, b) => b.us - a.us)
    .map((e) => ({ fn: e.fn, where: e.where, ms: Math.round(e.us / 1000), percent: Math.round((e.us / totalUs) * 1000) / 10 }));
  return { totalMs: Math.round(totalUs / 1000), rows };
}

/** Self time summed by package (node_modules/<pkg>), our code (dist/src) or Node/V8 internals. */
export function byOwner(rows: SelfTime[]): { owner: string; percent: number }[] {
  const sums = new Map<string, number>();
  for (const r of rows) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(r.where)?.[1];
    const owner = pkg ?? (r.where.includes('dist/') ? 'our code (dist/)' : r.where.startsWith('node:') ? 'node internals' : r.fn.startsWith('(') ? r.fn : 'other');
    sums.set(owner, (sums.get(owner) ?? 0) + r.percent);
  }
  return [...sums.entries()].map(([owner, percent]) => ({ owner, percent: Math.round(percent * 10) / 10 })).sort((a, b) => b.percent - a.percent);
}

function shorten(url: string): string {
  const s = url.replace(/^file:\/\//, '');
  const nm = s.lastIndexOf('node_modules/');
  if (nm >= 0) return s.slice(nm);
  const dist = s.indexOf('/dist/');
  return dist >= 0 ? s.slice(dist + 1) : s;
}

// `node dist/bench/cpu-profile.js <dir> [top]`
if (require.main === module) {
  const [dir, top = '30'] = process.argv.slice(2);
  const { totalMs, rows } = selfTimes(dir);
  console.log(`total sampled: ${totalMs} ms\n\nself % | self ms | function | where`);
  for (const r of rows.slice(0, Number(top))) console.log(`${r.percent.toFixed(1).padStart(6)} | ${String(r.ms).padStart(7)} | ${r.fn} | ${r.where}`);
  console.log('\nby owner:');
  for (const o of byOwner(rows).slice(0, 15)) console.log(`${o.percent.toFixed(1).padStart(6)} % ${o.owner}`);
}
