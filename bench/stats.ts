export interface LoadResult {
  tool: string;
  connections: number;
  /** Completed successful operations. */
  count: number;
  seconds: number;
  perSecond: number;
  /** Latency in milliseconds. */
  p50: number;
  p95: number;
  p99: number;
  /** Answers that were not the expected status, and socket errors. */
  errors: number;
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

export function summarize(tool: string, connections: number, count: number, seconds: number, latencies: number[], errors: number): LoadResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    tool,
    connections,
    count,
    seconds: round(seconds, 2),
    perSecond: round(count / seconds),
    p50: round(percentile(sorted, 50), 2),
    p95: round(percentile(sorted, 95), 2),
    p99: round(percentile(sorted, 99), 2),
    errors,
  };
}
