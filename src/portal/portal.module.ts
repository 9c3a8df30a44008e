import { Module } from '@nestjs/common';
import { OutboxController } from './outbox.controller';
import { OutboxDispatcher } from './outbox-dispatcher.service';
import { OutboxService } from './outbox.service';
import { PublicDossiersController } from './public-dossiers.controller';
import { PublicDossiersService } from './public-dossiers.service';

/** The portal side: status delivery (outbox), its admin view, and the citizens' dossier lookup. */
@Module({
  controllers: [OutboxController, PublicDossiersController],
  providers: [OutboxDispatcher, OutboxService, PublicDossiersService],
  exports: [OutboxDispatcher],
})
export class PortalModule {}
