import { Module } from '@nestjs/common';
import { OutboxService } from './outbox.service';

/** The outbox as administrators see it: listed, and failed messages retried (routes: PortalModule). */
@Module({ providers: [OutboxService], exports: [OutboxService] })
export class OutboxModule {}
