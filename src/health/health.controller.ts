import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { ApiProblems } from '../common/api-problems';
import { Public } from '../common/auth.decorators';
import { DomainError } from '../common/domain-error';
import { HealthDto } from './dto/health.dto';
import { Readiness } from './readiness.service';

/**
 * `/health` (where operators look) and `/api/v1/health` (every REST path is under /api/v1).
 * Both are written out in full and kept out of the global prefix (setup-app.ts).
 */
export const HEALTH_PATHS = ['health', 'api/v1/health', 'health/live', 'health/ready'];

const NO_CACHE = 'no-cache, no-store, must-revalidate';
const SUMMARY = '200 when the database answers within a second, 503 otherwise';

@ApiTags('health')
@Public()
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly readiness: Readiness,
  ) {}

  /** The process runs and its event loop turns; nothing else is asked, so a database outage never restarts it. */
  @Get(HEALTH_PATHS[2])
  @Header('Cache-Control', NO_CACHE)
  @ApiOperation({
    operationId: 'checkLiveness',
    summary: '200 while the process runs (for a process supervisor: Docker HEALTHCHECK, a liveness probe)',
    description: 'No token and no rate limit. Asks nothing of the database: an outage there must not restart the service.',
  })
  @ApiOkResponse({ type: HealthDto, description: 'The process runs' })
  live() {
    return { status: 'ok', info: {}, error: {}, details: {} };
  }

  /** Whether this instance can serve: what a load balancer should route on. */
  @Get(HEALTH_PATHS[3])
  @Header('Cache-Control', NO_CACHE)
  @ApiOperation({
    operationId: 'checkReadiness',
    summary: '200 when the database accepts writes (not a standby), every migration is applied and the scheduler runs; 503 otherwise (for a load balancer)',
    description:
      'No token, no rate limit, never cached. A 503 (NOT_READY) says which check is down in `detail`, and each check under `checks`: ' +
      '`database` (unreachable, a standby, or read-only), `migrations` (pending), `scheduler` (not running).',
  })
  @ApiOkResponse({ type: HealthDto, description: 'The instance can serve' })
  @ApiProblems(503)
  async ready() {
    const checks = Object.assign({}, ...(await Promise.all([this.readiness.database(), this.readiness.migrations(), this.readiness.scheduler()])));
    const down = Object.keys(checks).filter((name) => checks[name].status !== 'up');
    if (down.length) {
      throw new DomainError('unavailable', 'NOT_READY', down.map((name) => `${name}: ${checks[name].message}`), { checks });
    }
    return { status: 'ok', info: checks, error: {}, details: checks };
  }

  @Get(HEALTH_PATHS[0])
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({
    operationId: 'checkHealth',
    summary: SUMMARY,
    description: 'No token and no rate limit. The problem details of a 503 say SERVICE_UNAVAILABLE or DATABASE_UNAVAILABLE.',
  })
  @ApiOkResponse({ type: HealthDto, description: 'The database answers' })
  @ApiProblems(503)
  check() {
    return this.health.check([() => this.db.pingCheck('database', { timeout: 1000 })]);
  }

  /** The same check under the API's prefix: its own handler, so each path has its own operationId. */
  @Get(HEALTH_PATHS[1])
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({
    operationId: 'checkApiHealth',
    summary: `${SUMMARY} (the same check as /health)`,
    description: 'No token and no rate limit. The problem details of a 503 say SERVICE_UNAVAILABLE or DATABASE_UNAVAILABLE.',
  })
  @ApiOkResponse({ type: HealthDto, description: 'The database answers' })
  @ApiProblems(503)
  checkUnderPrefix() {
    return this.check();
  }
}
