import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../common/auth.decorators';

/**
 * `/health` (API.md, Operations) and `/api/v1/health` (API.md: every REST path is under /api/v1).
 * Both are written out in full and kept out of the global prefix (setup-app.ts).
 */
export const HEALTH_PATHS = ['health', 'api/v1/health'];

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
  ) {}

  /** 200 when the database answers within a second, 503 otherwise. */
  @Public()
  @Get(HEALTH_PATHS)
  @HealthCheck()
  @ApiOperation({ summary: '200 when the database answers within a second, 503 otherwise' })
  check() {
    return this.health.check([() => this.db.pingCheck('database', { timeout: 1000 })]);
  }
}
