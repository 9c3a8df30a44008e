import { STATUS_CODES } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { HttpException } from '@nestjs/common';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import helmet, { type HelmetOptions } from 'helmet';
import { AppLogger, attachRequestLogging } from './common/app-logger';
import { logRequests } from './common/request-log';
import { bodyLimitsOf, DEFAULT_BODY, LARGE_BODY } from './common/body-limits';
import { parseJsonBody } from './common/json-body';
import { requestId } from './common/logging';
import { HTTP_LOGGER } from './common/logging.module';
import { PROBLEM_CONTENT_TYPE, problemDetails, type Refusal } from './common/problem-details';
import { PROBLEM_PAGE_PATHS } from './common/problem-pages.controller';
import { replyProblem } from './common/problem.filter';
import { validationPipe } from './common/validation';
import type { AppConfig } from './config/config';
import { APP_CONFIG } from './config/config.module';
import { CONSOLE_PATHS } from './console/console.controller';
import { HEALTH_PATHS } from './health/health.controller';
import { METRICS_PATH } from './metrics/metrics.controller';
import { Metrics } from './metrics/metrics.service';
import { AuthGuard } from './auth/auth.guard';

// Node's HTTP parser refuses some requests before Fastify sees them (e.g. headers over 16 KB);
// answer those in the API's shape too.
function answerUnparsedRequest(error: NodeJS.ErrnoException, socket: Duplex): void {
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
}

/**
 * Which peers' X-Forwarded-For to believe. A hop count trusts that many proxies nearest the service
 * (Fastify itself ignores a number, to fail closed); addresses and subnets go to Fastify as they are.
 */
function trustedProxies(trust: AppConfig['trustProxy']): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}

/** The Fastify instance behind the service, configured before any route is registered. */
export function createHttpAdapter(config: AppConfig): FastifyAdapter {
  const adapter = new FastifyAdapter({
    trustProxy: trustedProxies(config.trustProxy),
    bodyLimit: DEFAULT_BODY.bytes,
    // Node's own default, which Fastify turns off: a client must send its whole request within 5 minutes.
    requestTimeout: 300_000,
    genReqId: requestId,
    clientErrorHandler: answerUnparsedRequest,
    // A path whose percent-encoding does not decode never reaches a route, nor so the exception filter.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) =>
      replyProblem(request, reply, {
        code: 'BAD_REQUEST',
        message: error.code === 'FST_ERR_BAD_URL' ? 'the URL is not valid: a malformed percent-encoding' : 'the request could not be routed',
      }),
  });
  const fastify = adapter.getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  fastify.addHook('onRoute', (route) => {
    route.bodyLimit = bodyLimitsOf(route.config).bytes;
  });
  // A compressed body would be inflated far beyond its limit; refused before it is read.
  fastify.addHook('preParsing', (request, _reply, payload, done) => {
    const encoding = request.headers['content-encoding'];
    if (encoding === undefined || encoding.trim().toLowerCase() === 'identity') return done(null, payload);
    done(new HttpException({ code: 'UNSUPPORTED_CONTENT_ENCODING', message: 'send the body uncompressed (Content-Encoding: identity or none)' }, 415));
  });
  // JSON only; any other body is ignored, so the route's validation names what is missing.
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1].toLowerCase();
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      return done(new HttpException({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'JSON bodies must be UTF-8' }, 415), undefined);
    }
    if (body === '') return done(null, {});
    try {
      done(null, parseJsonBody(body as string, bodyLimitsOf(request.routeOptions.config).values));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  // The console's forms (and only those) post url-encoded fields.
  fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (request, body, done) => {
    if (!request.url.startsWith('/console/')) return done(null, undefined);
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, _body, done) => done(null, undefined));
  return adapter;
}

/**
 * On the routes that take large bodies, a body that may exceed the default limit is read only for
 * a caller whose token is valid, so an anonymous client cannot make the service read and parse
 * megabytes. Smaller bodies are authenticated by the guard as on every other route.
 */
function authenticateBeforeLargeBodies(app: NestFastifyApplication): void {
  const guard = app.get(AuthGuard);
  // A callback, not an async hook: most bodies are small, and pass without a promise.
  app.getHttpAdapter().getInstance().addHook('preParsing', (request, _reply, payload, done) => {
    if (bodyLimitsOf(request.routeOptions.config) !== LARGE_BODY) return done(null, payload);
    const length = Number(request.headers['content-length'] ?? NaN);
    if (length <= DEFAULT_BODY.bytes) return done(null, payload);
    guard.authenticate(request).then(
      (principal) => {
        Object.assign(request, { principal });
        done(null, payload);
      },
      (error: Error) => done(error),
    );
  });
}

/**
 * Helmet's defaults, but `upgrade-insecure-requests` only when users reach the service over https:
 * on an office LAN over plain http it makes the browser fetch /docs' scripts and styles over https,
 * which nothing answers, and the page stays blank. Swagger UI needs nothing beyond 'self', inline
 * styles and data: images, which the defaults allow.
 */
function securityOptions(config: AppConfig): HelmetOptions {
  const https = config.publicUrl?.startsWith('https:') ?? false;
  return { contentSecurityPolicy: { directives: { upgradeInsecureRequests: https ? [] : null } } };
}

/**
 * The headers helmet sets with these options, in its order, got by running it once against a
 * response that only records them. They depend on nothing in the request (no nonces, no function
 * directives), so every answer can carry the same ones.
 */
export function securityHeaders(options: HelmetOptions): [name: string, value: string][] {
  const headers: [string, string][] = [];
  const recorder = {
    setHeader: (name: string, value: string) => headers.push([name, value]),
    // X-Powered-By: neither Node nor Fastify sets it.
    removeHeader: () => undefined,
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}

/**
 * Helmet's headers on every answer, as @fastify/helmet set them (on the raw response, at onRequest),
 * but computed once: @fastify/helmet ran helmet(options) per request, which parses the options and
 * rebuilds the CSP each time.
 */
function addSecurityHeaders(app: NestFastifyApplication, options: HelmetOptions): void {
  const headers = securityHeaders(options);
  app.getHttpAdapter().getInstance().addHook('onRequest', (_request, reply, done) => {
    const raw = reply.raw;
    for (const [name, value] of headers) raw.setHeader(name, value);
    done();
  });
}

/** Everything main.ts and the e2e tests share about the HTTP edge, before `init()`. */
export async function setupApp(app: NestFastifyApplication): Promise<NestFastifyApplication> {
  app.useLogger(app.get(AppLogger));
  const fastify = app.getHttpAdapter().getInstance();
  attachRequestLogging(fastify, app.get(HTTP_LOGGER));
  logRequests(fastify, app.get(HTTP_LOGGER).logger);
  app.get(Metrics).observeHttp(fastify);
  authenticateBeforeLargeBodies(app);
  addSecurityHeaders(app, securityOptions(app.get<AppConfig>(APP_CONFIG)));
  app.setGlobalPrefix('api/v1', { exclude: [...HEALTH_PATHS, ...PROBLEM_PAGE_PATHS, METRICS_PATH, ...CONSOLE_PATHS] });
  app.useGlobalPipes(validationPipe());
  SwaggerModule.setup('docs', app, openApiDocument(app), { jsonDocumentUrl: 'docs-json' });
  return app;
}

/**
 * The OpenAPI document served at /docs-json and committed as docs/openapi.json. Every operation
 * needs the bearer token unless it says `security: []` (the routes marked @Public()).
 * OpenAPI 3.1, whose schemas are JSON Schema 2020-12: @nestjs/swagger writes a field declared
 * `nullable: true` as `type: [..., 'null']`, or `anyOf: [{ $ref }, { type: 'null' }]` for an object,
 * which every validator reads alike (3.0's `nullable` beside an `allOf` forbade null; docs/development.md).
 */
export function openApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const doc = new DocumentBuilder()
    .setTitle('dvc-workflow')
    .setDescription(
      'COVID-19 support procedures (unpaid-leave-support, wage-loan-support) of a province, for the National Public Service Portal, ' +
        'the officials of its agencies and the provincial administrators. docs/api.md in the repository is the whole contract; this is its reference part.',
    )
    .setOpenAPIVersion('3.1.0')
    .setVersion('1')
    .addServer('/', 'this service')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'opaque',
      description:
        'An opaque random token, `dvc_` followed by 43 base64url characters (32 random bytes), issued by the admin CLI and shown once; ' +
        'the service keeps only its hash. Not a JWT: it carries nothing a client could read.',
    })
    .addSecurityRequirements('bearer')
    // Every operation's tag (@ApiTags on its controller), defined here with what it groups.
    .addTag('procedures', 'The procedures and the version of each in force: steps, time limits, legal basis, intake window (no token)')
    .addTag('dossiers', 'Submitting a dossier (the portal), the actions on its steps, its history and eligibility findings')
    .addTag('documents', 'The forms of Circular 01/2018/TT-VPCP a dossier gave rise to, print-ready as HTML or PDF')
    .addTag('deadlines', 'Deadline alerts of dossiers and feedback, and apology letters (form 04) with a new return date')
    .addTag('reports', 'The processing report of the period, as JSON or CSV (admin)')
    .addTag('integration', 'The outbox of status messages to the National Public Service Portal (admin)')
    .addTag('feedback', 'Feedback (phản ánh, kiến nghị) as the provincial office and its units handle it')
    .addTag('public', 'The citizens\' routes: no token, limited per address')
    .addTag('health', 'Whether the service and its database answer')
    .build();
  // Private software: a licence by name only (no link out of the repository).
  doc.info.license = { name: 'UNLICENSED' };
  return SwaggerModule.createDocument(app, doc);
}
