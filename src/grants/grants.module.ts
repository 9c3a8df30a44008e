import { Module } from '@nestjs/common';
import { GrantImportService } from './grant-import.service';
import { GrantsService } from './grants.service';

/** Which official may act on which step: granted, revoked, listed and imported by administrators. */
@Module({ providers: [GrantsService, GrantImportService], exports: [GrantsService, GrantImportService] })
export class GrantsModule {}
