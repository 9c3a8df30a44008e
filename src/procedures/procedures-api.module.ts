import { Module } from '@nestjs/common';
import { DeploymentsListener } from './deployments-listener';
import { ProcedureDefinitionsController } from './procedure-definitions.controller';
import { ProceduresController } from './procedures.controller';
import { ProceduresModule } from './procedures.module';

/** The catalogue's routes and the ear on deployments made elsewhere (the service only). */
@Module({ imports: [ProceduresModule], controllers: [ProceduresController, ProcedureDefinitionsController], providers: [DeploymentsListener] })
export class ProceduresApiModule {}
