import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth.decorators';
import { ProceduresService } from './procedures.service';

@ApiTags('procedures')
@Controller('procedures')
export class ProceduresController {
  constructor(private readonly procedures: ProceduresService) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'The published procedures with their steps and time limits' })
  @ApiOkResponse({ description: 'The procedures' })
  async list() {
    const published = await this.procedures.listPublished();
    return published.map((p) => ({
      code: p.code,
      name: p.name,
      version: p.version,
      legalBasis: p.legalBasis,
      steps: p.steps.map(({ key, order, actor, timeLimitWorkingDays }) => ({ key, order, actor, timeLimitWorkingDays })),
    }));
  }
}
