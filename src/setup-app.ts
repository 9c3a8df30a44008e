import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { validationPipe } from './common/validation';

// A JSON key that could reach an object's prototype is refused as bad input (400).
function refusePrototypeKeys(key: string, value: unknown): unknown {
  if (key === '__proto__' || key === 'constructor' || key === 'prototype') throw new SyntaxError(`the key "${key}" is not allowed`);
  return value;
}

/** Everything main.ts and the e2e tests share about the HTTP edge. */
export function setupApp(app: NestExpressApplication): INestApplication {
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: '5mb', reviver: refusePrototypeKeys });
  app.use(helmet());
  app.setGlobalPrefix('api/v1', { exclude: ['health'] });
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
