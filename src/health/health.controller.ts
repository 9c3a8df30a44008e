import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { ApiProblems } from '../common/api-problems';
import { Public } from '../common/auth.decorators';
import { HealthDto } from './dto/health.dto';

/**
 * `/health` (where operators look) and `/api/v1/health` (every REST path is under /api/v1).
 * Both are written out in full and kept out of the global prefix (setup-app.ts).
 */
export const HEALTH_PATHS = ['health', 'api/v1/health'];

const SUMMARY = '200 when the database answers within a second, 503 otherwise';

@ApiTags('health')
@Public()
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
  ) {}

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
