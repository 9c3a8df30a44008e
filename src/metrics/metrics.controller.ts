import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Header, Headers, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Registry } from 'prom-client';
import { DomainError } from '../common/domain-error';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { Public } from '../common/auth.decorators';
import { Metrics } from './metrics.service';

/** Served beside /health, outside the API's prefix, where scrapers look for it. */
export const METRICS_PATH = 'metrics';

/** Prometheus's scrape target. Not part of the REST API (no OpenAPI entry): text, for operators. */
@ApiExcludeController()
@Controller()
export class MetricsController {
  private readonly token: Buffer | null;

  constructor(
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.token = config.metricsToken ? Buffer.from(`Bearer ${config.metricsToken}`) : null;
  }

  /** Public unless METRICS_TOKEN is set; then only `Authorization: Bearer <METRICS_TOKEN>`. */
  @Public()
  @Get(METRICS_PATH)
  @Header('Cache-Control', 'no-store')
  async scrape(@Headers('authorization') authorization: string | undefined, @Res({ passthrough: true }) res: FastifyReply): Promise<string> {
    if (this.token) this.authorize(authorization);
    const text = await this.metrics.scrape();
    // Set here, not with @Header: that one would also label a refusal's problem details as text.
    res.header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE);
    return text;
  }

  private authorize(authorization: string | undefined): void {
    if (!authorization) throw new DomainError('unauthenticated', 'AUTH_TOKEN_MISSING', 'send Authorization: Bearer <METRICS_TOKEN>');
    const given = Buffer.from(authorization);
    if (given.length !== this.token!.length || !timingSafeEqual(given, this.token!)) {
      throw new DomainError('unauthenticated', 'AUTH_TOKEN_INVALID', 'the metrics token is wrong');
    }
  }
}
