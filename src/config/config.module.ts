import { Global, Module } from '@nestjs/common';
import { AdministrativeUnits } from '../common/administrative-units';
import { Clock, SystemClock } from '../common/clock';
import { type AppConfig, loadConfig } from './config';

export const APP_CONFIG = Symbol('APP_CONFIG');

/** The validated config, the clock and the administrative units, for every module. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig = loadConfig(), clock: Clock = new SystemClock()) {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Clock, useValue: clock },
        { provide: AdministrativeUnits, useValue: AdministrativeUnits.withOverrides(config.administrativeUnits) },
      ],
      exports: [APP_CONFIG, Clock, AdministrativeUnits],
    };
  }
}
