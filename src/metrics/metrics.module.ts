import { Global, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { MetricsController } from './metrics.controller';
import { Metrics } from './metrics.service';

/**
 * Prometheus metrics at /metrics, for the service (not the CLI). Global so the modules that count
 * things (dossiers, portal, deadlines) inject Metrics without importing this module.
 * RouteLabelGuard is registered as the first APP_GUARD in AppModule (global guards run in order).
 */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [Metrics],
  exports: [Metrics],
})
export class MetricsModule implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly http: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const server = this.http.httpAdapter?.getHttpServer();
    if (server) this.metrics.observeHttp(server);
  }
}
