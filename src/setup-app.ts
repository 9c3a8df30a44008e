import { type Server, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { reviveSafely } from './common/json-reviver';
import { PROBLEM_CONTENT_TYPE, problemDetails, type Refusal } from './common/problem-details';
import { PROBLEM_PAGE_PATHS } from './common/problem-pages.controller';
import { validationPipe } from './common/validation';
import type { AppConfig } from './config/config';
import { APP_CONFIG } from './config/config.module';
import { HEALTH_PATHS } from './health/health.controller';

// Node's HTTP parser refuses some requests before Express sees them (e.g. headers over 16 KB);
// its default answer has no body, so answer those in the API's shape too.
function answerUnparsedRequests(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const refusal: Refusal =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? { code: 'HEADERS_TOO_LARGE', message: 'the request line and headers must be under 16 KB' }
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? { code: 'REQUEST_TIMEOUT', message: 'the request was not received in time' }
          : { code: 'BAD_REQUEST', message: 'the request is not valid HTTP' };
    // The headers were not read, so neither a language nor a request id is known.
    const problem = problemDetails(refusal, 'en');
    const body = JSON.stringify(problem);
    socket.end(
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

/** Everything main.ts and the e2e tests share about the HTTP edge. */
export function setupApp(app: NestExpressApplication): INestApplication {
  app.useLogger(app.get(Logger));
  app.set('trust proxy', app.get<AppConfig>(APP_CONFIG).trustProxy);
  answerUnparsedRequests(app.getHttpServer());
  app.useBodyParser('json', { limit: '5mb', reviver: reviveSafely });
  app.use(helmet());
  app.setGlobalPrefix('api/v1', { exclude: [...HEALTH_PATHS, ...PROBLEM_PAGE_PATHS] });
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
