// One typed, validated view of the environment, shared by the app, the CLI, migrations and tests.
export interface AppConfig {
  databaseUrl: string | undefined;
  port: number;
  portalWebhookUrl: string | undefined;
  portalWebhookSecret: string | undefined;
  portalRetryBaseMs: number;
  portalRetryMaxAttempts: number;
  /** How often the outbox dispatcher looks for due messages; 0 turns the timer off (tests call drain()). */
  portalDispatchIntervalMs: number;
  /** One delivery's timeout; a claim's lease is twice this, so two instances never send one message at once. */
  portalRequestTimeoutMs: number;
  /** Requests per minute per IP on each public (no-token) citizen route. */
  publicRateLimitPerMinute: number;
  /** Working days an assigned unit has to answer a feedback (unverified: Decree 20/2008; keep configurable). */
  feedbackAnswerWorkingDays: number;
  deadlineCheckCron: string;
  logLevel: string;
  dataDir: string;
  embeddedPort: number;
  officeHours: { startHour: number; endHour: number };
  authFailuresPerMinute: number;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new ConfigError(`${name} must be an integer >= ${min}, got "${raw}"`);
  return value;
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

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const startHour = int(env, 'OFFICE_START_HOUR', 8);
  const endHour = int(env, 'OFFICE_END_HOUR', 17);
  if (endHour <= startHour || endHour > 24) throw new ConfigError('OFFICE_END_HOUR must be after OFFICE_START_HOUR');
  return {
    databaseUrl: url(env, 'DATABASE_URL'),
    port: int(env, 'PORT', 3000),
    portalWebhookUrl: url(env, 'PORTAL_WEBHOOK_URL'),
    portalWebhookSecret: env.PORTAL_WEBHOOK_SECRET || undefined,
    portalRetryBaseMs: int(env, 'PORTAL_RETRY_BASE_MS', 1000, 1),
    portalRetryMaxAttempts: int(env, 'PORTAL_RETRY_MAX_ATTEMPTS', 10, 1),
    portalDispatchIntervalMs: int(env, 'PORTAL_DISPATCH_INTERVAL_MS', 500),
    portalRequestTimeoutMs: int(env, 'PORTAL_REQUEST_TIMEOUT_MS', 10_000, 1),
    publicRateLimitPerMinute: int(env, 'PUBLIC_RATE_LIMIT_PER_MINUTE', 30, 1),
    feedbackAnswerWorkingDays: int(env, 'FEEDBACK_ANSWER_WORKING_DAYS', 10, 1),
    deadlineCheckCron: env.DEADLINE_CHECK_CRON || '0 */15 * * * *',
    logLevel,
    dataDir: env.DATA_DIR || '.data',
    embeddedPort: int(env, 'EMBEDDED_PG_PORT', 54329, 1),
    officeHours: { startHour, endHour },
    authFailuresPerMinute: int(env, 'AUTH_FAILURES_PER_MINUTE', 30, 1),
  };
}
