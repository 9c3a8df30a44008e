import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Clock } from '../common/clock';
import { Public } from '../common/auth.decorators';
import { ProceduresService } from './procedures.service';
import { catalogueEntry } from './catalogue';
import { ProcedureDto } from './dto/procedure.dto';

@ApiTags('procedures')
@Public()
@Controller('procedures')
export class ProceduresController {
  constructor(
    private readonly procedures: ProceduresService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({
    operationId: 'listProcedures',
    summary: 'The published procedures: the version in force, its steps and time limits, legal basis, intake window and schedule',
    description: 'No token. Per procedure code, the version in force now (or, before any, the first scheduled) and `schedule`, every published version in order; `intakeOpen` tells whether a dossier submitted now would be taken. A dossier gets the version in force on its `submittedAt` and keeps it for life.',
  })
  @ApiOkResponse({ type: [ProcedureDto], description: 'The procedures' })
  async list() {
    const now = this.clock.now();
    const schedules = await this.procedures.schedules();
    return [...schedules.values()].map((schedule) => catalogueEntry(schedule, now));
  }
}
