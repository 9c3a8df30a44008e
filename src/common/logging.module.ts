import { Global, Module } from '@nestjs/common';
import pino from 'pino';
import pinoHttp, { type HttpLogger } from 'pino-http';
import { AppLogger } from './app-logger';
import { httpLoggerOptions, LOGGER_OPTIONS } from './logging';

/** The request logger (pino-http) that setupApp installs as the first middleware. */
export const HTTP_LOGGER = Symbol('HTTP_LOGGER');

/** One pino logger for the app: Nest's logger (AppLogger) and the per-request children share it. */
@Global()
@Module({})
export class LoggingModule {
  static forRoot(level: string) {
    const root = pino({ level, ...LOGGER_OPTIONS });
    const http: HttpLogger = pinoHttp({ ...httpLoggerOptions(level), logger: root });
    return {
      module: LoggingModule,
      providers: [
        { provide: AppLogger, useValue: new AppLogger(root) },
        { provide: HTTP_LOGGER, useValue: http },
      ],
      exports: [AppLogger, HTTP_LOGGER],
    };
  }
}
