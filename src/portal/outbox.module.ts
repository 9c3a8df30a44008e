import { Module } from '@nestjs/common';
import { OutboxController } from './outbox.controller';
import { OutboxService } from './outbox.service';

/** The outbox as administrators see it: listed, and failed messages retried. */
@Module({ controllers: [OutboxController], providers: [OutboxService], exports: [OutboxService] })
export class OutboxModule {}
