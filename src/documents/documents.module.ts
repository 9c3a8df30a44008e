import { Module } from '@nestjs/common';
import { ApologiesModule } from '../apologies/apologies.module';
import { DossiersModule } from '../dossiers/dossiers.module';
import { ApologyDocumentController } from './apology-document.controller';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';

/** The printable forms of a dossier; the templates and renderers next to it are plain functions, for any other caller too. */
@Module({
  imports: [DossiersModule, ApologiesModule],
  controllers: [DocumentsController, ApologyDocumentController],
  providers: [DocumentsService],
  exports: [DocumentsService],
})
export class DocumentsModule {}
