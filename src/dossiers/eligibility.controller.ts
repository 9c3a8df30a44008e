import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/api-problems';
import { EligibilityDto } from './dto/dossier.dto';
import { CurrentPrincipal } from '../common/principal';
import type { Principal } from '../common/principal';
import { uuidPipe } from '../common/uuid.pipe';
import { DossierReadsService } from './dossier-reads.service';

@ApiTags('dossiers')
@ApiBearerAuth()
@ApiProblems(401, 429)
@Controller('dossiers/:id/eligibility')
export class EligibilityController {
  constructor(private readonly dossiers: DossierReadsService) {}

  @Get()
  @ApiOperation({
    operationId: 'getDossierEligibility',
    summary: 'What the law fixes about every worker of the dossier: findings ok / check, with the reasons and the amounts',
    description: 'Computed at receipt and after each supplement by the rules of the dossier\'s procedure version (Decision 15/2020/QĐ-TTg, Decision 23/2021/QĐ-TTg): each worker\'s days, months, support amount and loan cap, with the findings (`blocking` marks what the law excludes outright).',
  })
  @ApiOkResponse({ type: EligibilityDto, description: 'The findings' })
  @ApiProblems(400, 403, 404)
  get(@Param('id', uuidPipe) id: string, @CurrentPrincipal() principal: Principal) {
    return this.dossiers.eligibility(id, principal);
  }
}
