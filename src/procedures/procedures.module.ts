import { Module } from '@nestjs/common';
import { ProceduresService } from './procedures.service';

/** Versions, their schedule, the catalogue; the routes are ProceduresApiModule's. */
@Module({ providers: [ProceduresService], exports: [ProceduresService] })
export class ProceduresModule {}
