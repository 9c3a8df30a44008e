import { Global, Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';
import { Metrics } from './metrics.service';

/**
 * Prometheus metrics at /metrics, for the service (not the CLI). Global so the modules that count
 * things (dossiers, portal, deadlines) inject Metrics without importing this module; setupApp
 * hooks the HTTP timing into Fastify.
 */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [Metrics],
  exports: [Metrics],
})
export class MetricsModule {}
