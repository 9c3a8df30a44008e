import { Module } from '@nestjs/common';
import { ProcedureDefinitionsService } from './procedure-definitions.service';
import { ProceduresService } from './procedures.service';

/** Versions, their deployment and schedule, the catalogue; the routes are ProceduresApiModule's. */
@Module({ providers: [ProceduresService, ProcedureDefinitionsService], exports: [ProceduresService, ProcedureDefinitionsService] })
export class ProceduresModule {}
