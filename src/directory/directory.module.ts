import { Module } from '@nestjs/common';
import { DirectoryImportService } from './directory-import.service';
import { DirectoryListService } from './directory-list.service';
import { OfficialMoveService } from './official-move.service';
import { OfficialStatusService } from './official-status.service';
import { SignerService } from './signer.service';

const SERVICES = [DirectoryImportService, DirectoryListService, OfficialMoveService, OfficialStatusService, SignerService];

/** The directory: units and officials, imported, listed, moved, deactivated, and who may sign for a unit. */
@Module({ providers: SERVICES, exports: SERVICES })
export class DirectoryModule {}
