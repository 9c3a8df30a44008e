import { performance } from 'node:perf_hooks';

/** The actions that walk an unpaid-leave dossier to approval, each by its step's official. */
export const WALK: [step: string, action: string][] = [
  ['insurance-confirmation', 'confirm'],
  ['district-appraisal', 'appraise'],
  ['provincial-approval', 'approve'],
];

/** One answer the stream got: which instance, when it was sent and answered (ms since the stream began). */
export interface Answer {
  instance: number;
  key: string;
  sentAt: number;
  answeredAt: number;
  status: number;
  code?: string;
  retryAfter: string | null;
  version?: number;
  state?: string;
}

export interface StreamOptions {
  instances: string[];
  dossiers: string[];
  tokens: Record<string, string>;
  /** Dossiers walked at once (each walk is sequential); walk i goes to instance i mod instances. */
  concurrency: number;
  /** Before the n-th action is sent, waits while this says no (the fault driver holds the stream at a gate). */
  mayStart?: (n: number) => boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A client retries a 503 sooner than its Retry-After hint, so the figures see when writes resume. */
const RETRY_MS = 200;

/**
 * Walks every dossier through WALK, `concurrency` at a time. Every action carries an Idempotency-Key
 * (`dossier:action`) and is retried with the same key until it is answered 200; anything but 200
 * and 503 is recorded and the walk of that dossier stops (the checks then fail).
 */
export class ActionStream {
  readonly answers: Answer[] = [];
  /** The 200 of each action: what a retry with its key must give again. */
  readonly accepted = new Map<string, Answer>();
  readonly unexpected: Answer[] = [];
  started = 0;
  private readonly t0 = performance.now();

  constructor(private readonly o: StreamOptions) {}

  now(): number {
    return performance.now() - this.t0;
  }

  async run(): Promise<void> {
    let next = 0;
    const walker = async () => {
      for (let d = next++; d < this.o.dossiers.length; d = next++) {
        if (!(await this.walk(this.o.dossiers[d], d % this.o.instances.length))) return;
      }
    };
    await Promise.all(Array.from({ length: this.o.concurrency }, () => walker()));
  }

  /** Sends the action once, as the stream would (for the replay check afterwards). */
  async send(instance: number, dossier: string, step: string, action: string): Promise<Answer> {
    const key = `${dossier}:${action}`;
    const sentAt = this.now();
    const res = await fetch(`${this.o.instances[instance]}/api/v1/dossiers/${dossier}/actions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${this.o.tokens[step]}`, 'Content-Type': 'application/json', 'Idempotency-Key': key },
      body: JSON.stringify({ action }),
      // A hang is a failure of its own: no answer may take this long.
      signal: AbortSignal.timeout(30_000),
    });
    const body = (await res.json()) as { code?: string; version?: number; state?: string };
    return {
      instance, key, sentAt, answeredAt: this.now(), status: res.status, code: body.code, retryAfter: res.headers.get('retry-after'),
      version: body.version, state: body.state,
    };
  }

  private async walk(dossier: string, instance: number): Promise<boolean> {
    for (const [step, action] of WALK) {
      while (this.o.mayStart && !this.o.mayStart(this.started)) await sleep(50);
      this.started++;
      for (;;) {
        const answer = await this.send(instance, dossier, step, action).catch((error: Error) => ({
          instance, key: `${dossier}:${action}`, sentAt: this.now(), answeredAt: this.now(), status: 0, code: error.message, retryAfter: null,
        }));
        this.answers.push(answer);
        if (answer.status === 200) {
          this.accepted.set(answer.key, answer);
          break;
        }
        if (answer.status !== 503) {
          this.unexpected.push(answer);
          return false;
        }
        await sleep(RETRY_MS);
      }
    }
    return true;
  }
}

/**
 * How long an instance stopped writing around a fault: the longest pause between two of its 200s
 * (the first one the last before the fault) answered before `until`, and when that pause ended, in
 * ms after `from` (the fault, or the end of a route; 0 when it ended before). A postmaster killed
 * -9 leaves its backends a moment, so a 200 just after the fault does not end the gap. null: the
 * instance never wrote again.
 */
export function writePause(answers: Answer[], instance: number, fault: number, until: number, from = fault): { pauseMs: number; againMs: number } | null {
  const oks = answers.filter((a) => a.instance === instance && a.status === 200 && a.answeredAt < until).map((a) => a.answeredAt).sort((a, b) => a - b);
  const after = oks.filter((t) => t >= fault);
  if (!after.length) return null;
  let previous = oks.filter((t) => t < fault).at(-1) ?? fault;
  let longest = { pauseMs: 0, againMs: 0 };
  for (const t of after) {
    if (t - previous > longest.pauseMs) longest = { pauseMs: t - previous, againMs: Math.max(0, t - from) };
    previous = t;
  }
  return longest;
}
