// One typed, validated view of the environment, shared by the app, the CLI, migrations and tests.
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { CronTime, validateCronExpression } from 'cron';
import { type AdministrativeUnitsData, administrativeUnitsProblems, type DistrictCheck } from '../common/administrative-units';

export type NodeEnv = 'production' | 'development' | 'test';

export interface AppConfig {
  /** `production` needs a DATABASE_URL: no embedded database, no demo admin token. */
  nodeEnv: NodeEnv;
  databaseUrl: string | undefined;
  /** Connections per instance (the service; the CLI opens a few of its own). */
  dbPoolSize: number;
  /** `DB_STATEMENT_TIMEOUT_MS`: a statement (lock waits included) running longer is cancelled; the request answers 503. */
  dbStatementTimeoutMs: number;
  /** `DATABASE_READ_URL`: a replica (a standby) that serves the reads that may lag; unset, they read the primary. */
  databaseReadUrl: string | undefined;
  /** `READ_MAX_LAG_MS`: a replica further behind than this is passed over for the primary. */
  readMaxLagMs: number;
  /** `DVC_SQL_LOG`: log every SQL statement (development only). */
  sqlLog: boolean;
  /** `DVC_CLI_DEBUG`: the CLI prints the stack of an unexpected error. */
  cliDebug: boolean;
  port: number;
  portalWebhookUrl: string | undefined;
  portalWebhookSecret: string | undefined;
  portalRetryBaseMs: number;
  portalRetryMaxAttempts: number;
  /** How long the outbox dispatcher rests after a round that found less than a full batch; 0 turns it off (tests call drain()). */
  portalDispatchIntervalMs: number;
  /** At most this many messages (each the head of a different dossier) are claimed and sent together in one round. */
  portalDispatchBatch: number;
  /** Delivered outbox messages older than this many days are deleted. */
  portalOutboxRetentionDays: number;
  /** Stored Idempotency-Key answers (they hold personal data) older than this many days are deleted. */
  idempotencyRetentionDays: number;
  /** When set, GET /metrics needs `Authorization: Bearer <token>`; unset, it is public. */
  metricsToken: string | undefined;
  /** One delivery's timeout; a claim's lease is twice this, so two instances never send one message at once. */
  portalRequestTimeoutMs: number;
  /** Requests per minute per IP on each public (no-token) citizen route. */
  publicRateLimitPerMinute: number;
  /** Working days an assigned unit has to answer a feedback (unverified: Decree 20/2008; keep configurable). */
  feedbackAnswerWorkingDays: number;
  deadlineCheckCron: string;
  /** `DEADLINE_CHECK_AT_START` (on by default): one pass before the service listens, so alerts and overdue counts agree from the first page. */
  deadlineCheckAtStart: boolean;
  logLevel: string;
  dataDir: string;
  embeddedPort: number;
  officeHours: { startHour: number; endHour: number };
  /** How long a principal stays cached (ms) when no change notification dropped it first; 0: read on every request. */
  principalCacheTtlMs: number;
  authFailuresPerMinute: number;
  /**
   * Which proxies' X-Forwarded-For to believe, so per-address limits see the citizen, not the
   * balancer: none (false), the number of proxies in front, or their addresses and subnets.
   */
  trustProxy: false | number | string[];
  /** Where users reach the service (e.g. https://dvc.example.gov.vn); an https one makes browsers upgrade every link to https. */
  publicUrl: string | undefined;
  /** Provinces (and their districts) an operator adds to or replaces in the bundled 2020–2021 list. */
  administrativeUnits: Partial<AdministrativeUnitsData> | undefined;
  /** `listed`: districts of the provinces with a reference list are checked; `all`: a province without one is refused; `off`. */
  districtCheck: DistrictCheck;
  /** `SHUTDOWN_GRACE_MS`: on SIGTERM, how long requests in flight may take to finish before they are cut off. */
  shutdownGraceMs: number;
  /** How old a dossier's `submittedAt` may be when it reaches the service (days). */
  submissionMaxAgeDays: number;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
/** HMAC keys and bearer secrets: at least 32 bytes (256 bits), the size of the SHA-256 output they protect. */
const MIN_SECRET_BYTES = 32;

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new ConfigError(`${name} must be an integer >= ${min}, got "${raw}"`);
  return value;
}

const TRUE = ['1', 'true', 'yes', 'on'];
const FALSE = ['0', 'false', 'no', 'off'];

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return false;
  if (TRUE.includes(raw.toLowerCase())) return true;
  if (FALSE.includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be one of ${[...TRUE, ...FALSE].join(', ')}, got "${raw}"`);
}

function nodeEnv(raw: string | undefined): NodeEnv {
  const value = raw || 'development';
  if (value !== 'production' && value !== 'development' && value !== 'test') {
    throw new ConfigError(`NODE_ENV must be production, development or test, got "${raw}"`);
  }
  return value;
}

/** Who runs the console, when the system has no passwd entry for them (some containers). */
export function consoleUserFromEnvironment(env: NodeJS.ProcessEnv = process.env): string {
  return env.USER || env.LOGNAME || 'unknown';
}

const NAMED_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/** One entry of an address list: a named range, an address, or a subnet (address/prefix length). */
function isProxyAddress(entry: string): boolean {
  if (NAMED_RANGES.includes(entry)) return true;
  const [address, prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (!family || extra !== undefined) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

/**
 * `TRUST_PROXY`: unset or false, a hop count, or addresses and subnets (e.g. "loopback, 10.0.0.0/8").
 * Not `true`: trusting every hop lets any client choose the address it is counted under.
 */
function trustProxy(raw: string | undefined): false | number | string[] {
  if (!raw || raw === 'false') return false;
  if (raw === 'true') {
    throw new ConfigError(
      'TRUST_PROXY=true would let any client choose the address it is counted under (X-Forwarded-For); ' +
        'give the number of proxies in front of the service (e.g. 1) or their addresses (e.g. "10.0.0.0/8, loopback")',
    );
  }
  if (/^\d+$/.test(raw)) return Number(raw) || false;
  const entries = raw.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => !isProxyAddress(entry));
  if (bad.length) {
    throw new ConfigError(`TRUST_PROXY must be a hop count or addresses and subnets (${NAMED_RANGES.join(', ')}, 10.0.0.0/8, ::1), not "${bad.join('", "')}"`);
  }
  return entries;
}

/** A secret of at least MIN_SECRET_BYTES bytes, or undefined when unset. */
function secret(env: NodeJS.ProcessEnv, name: string, hint: string): string | undefined {
  const raw = env[name] || undefined;
  if (raw !== undefined && Buffer.byteLength(raw, 'utf8') < MIN_SECRET_BYTES) {
    throw new ConfigError(`${name} must be at least ${MIN_SECRET_BYTES} bytes (${hint}), got ${Buffer.byteLength(raw, 'utf8')}`);
  }
  return raw;
}

function url(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name];
  if (!raw) return undefined;
  try {
    new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be a URL, got "${raw}"`);
  }
  return raw;
}

function publicUrl(env: NodeJS.ProcessEnv): string | undefined {
  const raw = url(env, 'PUBLIC_URL');
  if (raw && !/^https?:$/.test(new URL(raw).protocol)) throw new ConfigError(`PUBLIC_URL must be an http:// or https:// URL, got "${raw}"`);
  return raw;
}

/** A cron expression the scheduler can run (seconds field first), checked now rather than when the job starts. */
function cron(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name] || fallback;
  const { valid, error } = validateCronExpression(raw);
  if (!valid) throw new ConfigError(`${name} must be a cron expression such as "0 */15 * * * *" (seconds first), got "${raw}": ${error?.message}`);
  // A well-formed expression may still never fire (31 February); the cron package would only throw at start.
  try {
    new CronTime(raw, 'Asia/Ho_Chi_Minh').sendAt();
  } catch {
    throw new ConfigError(`${name} "${raw}" never fires`);
  }
  return raw;
}

/** `ADMINISTRATIVE_UNITS_FILE`: a JSON file shaped like src/common/data/administrative-units-2020-2021.json. */
function administrativeUnits(path: string | undefined): Partial<AdministrativeUnitsData> | undefined {
  if (!path) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`ADMINISTRATIVE_UNITS_FILE ${path} cannot be read as JSON: ${(error as Error).message}`);
  }
  const problems = administrativeUnitsProblems(value);
  if (problems.length) throw new ConfigError(`ADMINISTRATIVE_UNITS_FILE ${path}: ${problems.join('; ')}`);
  return value as Partial<AdministrativeUnitsData>;
}

function districtCheck(raw: string | undefined): DistrictCheck {
  const value = raw || 'listed';
  if (value !== 'listed' && value !== 'all' && value !== 'off') throw new ConfigError(`DISTRICT_CHECK must be listed, all or off, got "${raw}"`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const startHour = int(env, 'OFFICE_START_HOUR', 8);
  const endHour = int(env, 'OFFICE_END_HOUR', 17);
  if (endHour <= startHour || endHour > 24) throw new ConfigError('OFFICE_END_HOUR must be after OFFICE_START_HOUR');
  const portalWebhookUrl = url(env, 'PORTAL_WEBHOOK_URL');
  const portalWebhookSecret = secret(env, 'PORTAL_WEBHOOK_SECRET', 'e.g. `openssl rand -base64 32`');
  // The portal checks X-Signature; unsigned messages would be refused or, worse, trusted.
  if (portalWebhookUrl && !portalWebhookSecret) {
    throw new ConfigError('PORTAL_WEBHOOK_SECRET must be set when PORTAL_WEBHOOK_URL is: the portal cannot verify unsigned messages');
  }
  const environment = nodeEnv(env.NODE_ENV);
  const databaseUrl = url(env, 'DATABASE_URL');
  // In production a missing DATABASE_URL is a mistake: an embedded database would lose the data with the
  // container, and its demo admin token would be printed to the logs.
  if (environment === 'production' && !databaseUrl) {
    throw new ConfigError(
      'DATABASE_URL must be set when NODE_ENV=production: the embedded PostgreSQL (and its demo admin token) is for development only',
    );
  }
  return {
    nodeEnv: environment,
    databaseUrl,
    dbPoolSize: int(env, 'DB_POOL_SIZE', 20, 1),
    dbStatementTimeoutMs: int(env, 'DB_STATEMENT_TIMEOUT_MS', 30_000, 1),
    databaseReadUrl: url(env, 'DATABASE_READ_URL'),
    readMaxLagMs: int(env, 'READ_MAX_LAG_MS', 5000),
    sqlLog: flag(env, 'DVC_SQL_LOG'),
    cliDebug: flag(env, 'DVC_CLI_DEBUG'),
    port: int(env, 'PORT', 3000),
    portalWebhookUrl,
    portalWebhookSecret,
    portalRetryBaseMs: int(env, 'PORTAL_RETRY_BASE_MS', 1000, 1),
    portalRetryMaxAttempts: int(env, 'PORTAL_RETRY_MAX_ATTEMPTS', 10, 1),
    portalDispatchIntervalMs: int(env, 'PORTAL_DISPATCH_INTERVAL_MS', 500),
    portalDispatchBatch: int(env, 'PORTAL_DISPATCH_BATCH', 50, 1),
    portalOutboxRetentionDays: int(env, 'PORTAL_OUTBOX_RETENTION_DAYS', 30, 1),
    idempotencyRetentionDays: int(env, 'IDEMPOTENCY_RETENTION_DAYS', 7, 1),
    metricsToken: secret(env, 'METRICS_TOKEN', 'e.g. `openssl rand -hex 32`'),
    portalRequestTimeoutMs: int(env, 'PORTAL_REQUEST_TIMEOUT_MS', 10_000, 1),
    publicRateLimitPerMinute: int(env, 'PUBLIC_RATE_LIMIT_PER_MINUTE', 30, 1),
    feedbackAnswerWorkingDays: int(env, 'FEEDBACK_ANSWER_WORKING_DAYS', 10, 1),
    deadlineCheckCron: cron(env, 'DEADLINE_CHECK_CRON', '0 */15 * * * *'),
    deadlineCheckAtStart: env.DEADLINE_CHECK_AT_START === undefined || env.DEADLINE_CHECK_AT_START === '' || flag(env, 'DEADLINE_CHECK_AT_START'),
    logLevel,
    shutdownGraceMs: int(env, 'SHUTDOWN_GRACE_MS', 8000),
    dataDir: env.DATA_DIR || '.data',
    embeddedPort: int(env, 'EMBEDDED_PG_PORT', 54329, 1),
    officeHours: { startHour, endHour },
    authFailuresPerMinute: int(env, 'AUTH_FAILURES_PER_MINUTE', 30, 1),
    principalCacheTtlMs: int(env, 'PRINCIPAL_CACHE_TTL_MS', 30_000),
    trustProxy: trustProxy(env.TRUST_PROXY),
    publicUrl: publicUrl(env),
    administrativeUnits: administrativeUnits(env.ADMINISTRATIVE_UNITS_FILE),
    districtCheck: districtCheck(env.DISTRICT_CHECK),
    submissionMaxAgeDays: int(env, 'SUBMISSION_MAX_AGE_DAYS', 30, 1),
  };
}
