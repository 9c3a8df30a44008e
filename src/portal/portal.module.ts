import { Module } from '@nestjs/common';
import { OutboxController } from './outbox.controller';
import { OutboxDispatcher } from './outbox-dispatcher.service';
import { OutboxModule } from './outbox.module';
import { PublicDossiersController } from './public-dossiers.controller';
import { PublicDossiersService } from './public-dossiers.service';

/** The portal side of the service: status delivery (the dispatcher, service only), the outbox's admin view, the citizens' dossier lookup. */
@Module({
  imports: [OutboxModule],
  controllers: [OutboxController, PublicDossiersController],
  providers: [OutboxDispatcher, PublicDossiersService],
  exports: [OutboxDispatcher],
})
export class PortalModule {}
