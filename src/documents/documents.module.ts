import { Module } from '@nestjs/common';
import { DossiersModule } from '../dossiers/dossiers.module';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';

/** The printable forms of a dossier; the templates and renderers next to it are plain functions, for any other caller too. */
@Module({ imports: [DossiersModule], controllers: [DocumentsController], providers: [DocumentsService], exports: [DocumentsService] })
export class DocumentsModule {}
