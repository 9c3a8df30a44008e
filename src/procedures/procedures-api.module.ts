import { Module } from '@nestjs/common';
import { ProceduresController } from './procedures.controller';
import { ProceduresModule } from './procedures.module';

/** The catalogue's routes (the service only). */
@Module({ imports: [ProceduresModule], controllers: [ProceduresController] })
export class ProceduresApiModule {}
