import { type Server, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { AppLogger, requestLogging } from './common/app-logger';
import { reviveSafely } from './common/json-reviver';
import { HTTP_LOGGER } from './common/logging.module';
import { validationPipe } from './common/validation';
import type { AppConfig } from './config/config';
import { APP_CONFIG } from './config/config.module';
import { HEALTH_PATHS } from './health/health.controller';
import { METRICS_PATH } from './metrics/metrics.controller';

// Node's HTTP parser refuses some requests before Express sees them (e.g. headers over 16 KB);
// its default answer has no body, so answer those in the API's shape too.
function answerUnparsedRequests(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const [status, code, message] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'HEADERS_TOO_LARGE', 'the request line and headers must be under 16 KB']
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'REQUEST_TIMEOUT', 'the request was not received in time']
          : [400, 'BAD_REQUEST', 'the request is not valid HTTP'];
    const body = JSON.stringify({ statusCode: status, code, message });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

/** Everything main.ts and the e2e tests share about the HTTP edge. */
export function setupApp(app: NestExpressApplication): INestApplication {
  app.useLogger(app.get(AppLogger));
  // First, so every later middleware and handler logs with the request's id.
  app.use(requestLogging(app.get(HTTP_LOGGER)));
  app.set('trust proxy', app.get<AppConfig>(APP_CONFIG).trustProxy);
  answerUnparsedRequests(app.getHttpServer());
  app.useBodyParser('json', { limit: '5mb', reviver: reviveSafely });
  app.use(helmet());
  app.setGlobalPrefix('api/v1', { exclude: [...HEALTH_PATHS, METRICS_PATH] });
  app.useGlobalPipes(validationPipe());
  app.enableShutdownHooks();
  const doc = new DocumentBuilder()
    .setTitle('dvc-workflow')
    .setDescription('COVID-19 support procedures (unpaid-leave-support, wage-loan-support) for the National Public Service Portal')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, SwaggerModule.createDocument(app, doc), { jsonDocumentUrl: 'docs-json' });
  return app;
}
