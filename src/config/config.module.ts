import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from '../common/clock';
import { type AppConfig, loadConfig } from './config';

export const APP_CONFIG = Symbol('APP_CONFIG');

/** The validated config and the clock, for every module. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig = loadConfig()) {
    return {
      module: ConfigModule,
      providers: [{ provide: APP_CONFIG, useValue: config }, { provide: Clock, useClass: SystemClock }],
      exports: [APP_CONFIG, Clock],
    };
  }
}
