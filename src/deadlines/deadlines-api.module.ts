import { Module } from '@nestjs/common';
import { AlertsController } from './alerts.controller';
import { DeadlinesModule } from './deadlines.module';

/** The alerts' routes (the service only). */
@Module({ imports: [DeadlinesModule], controllers: [AlertsController] })
export class DeadlinesApiModule {}
