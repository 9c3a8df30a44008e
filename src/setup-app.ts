import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import fastifyHelmet from '@fastify/helmet';
import { BadRequestException } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { reviveSafely } from './common/json-reviver';
import { requestId } from './common/logging';
import { validationPipe } from './common/validation';
import type { AppConfig } from './config/config';
import { HEALTH_PATHS } from './health/health.controller';

const BODY_LIMIT = 5 * 1024 * 1024;

// Node's HTTP parser refuses some requests before Fastify sees them (e.g. headers over 16 KB);
// answer those in the API's shape too.
function answerUnparsedRequest(error: NodeJS.ErrnoException, socket: Duplex): void {
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
}

/**
 * Which peers' X-Forwarded-For to believe. A hop count trusts that many proxies nearest the service
 * (Fastify itself ignores a number, to fail closed); addresses and subnets go to Fastify as they are.
 */
function trustedProxies(trust: AppConfig['trustProxy']): boolean | string | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}

/** The Fastify instance behind the service, configured before any route is registered. */
export function createHttpAdapter(config: AppConfig): FastifyAdapter {
  const adapter = new FastifyAdapter({
    trustProxy: trustedProxies(config.trustProxy),
    bodyLimit: BODY_LIMIT,
    // Node's own default, which Fastify turns off: a client must send its whole request within 5 minutes.
    requestTimeout: 300_000,
    genReqId: requestId,
    clientErrorHandler: answerUnparsedRequest,
  });
  const fastify = adapter.getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  // JSON only; any other body is ignored, so the route's validation names what is missing.
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    if (body === '') return done(null, {});
    try {
      done(null, JSON.parse(body as string, reviveSafely));
    } catch (error) {
      done(new BadRequestException((error as Error).message), undefined);
    }
  });
  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, _body, done) => done(null, undefined));
  return adapter;
}

/** Everything main.ts and the e2e tests share about the HTTP edge, before `init()`. */
export async function setupApp(app: NestFastifyApplication): Promise<NestFastifyApplication> {
  app.useLogger(app.get(Logger));
  await app.register(fastifyHelmet);
  app.setGlobalPrefix('api/v1', { exclude: HEALTH_PATHS });
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
