import { Module } from '@nestjs/common';
import { ProcedureDefinitionsController } from './procedure-definitions.controller';
import { ProceduresController } from './procedures.controller';
import { ProceduresModule } from './procedures.module';

/** The catalogue's routes (the service only). */
@Module({ imports: [ProceduresModule], controllers: [ProceduresController, ProcedureDefinitionsController] })
export class ProceduresApiModule {}
