import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiExtraModels, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApologyDto } from './dto/apology.dto';
import { ApiProblems } from '../common/api-problems';
import { ApiListResponse } from '../common/api-responses';
import { Clock } from '../common/clock';
import { CurrentPrincipal } from '../common/principal';
import { uuidPipe } from '../common/uuid.pipe';
import type { Principal } from '../common/principal';
import { ApologiesService } from './apologies.service';
import { CreateApologyDto } from './dto/create-apology.dto';

@ApiTags('deadlines')
@ApiBearerAuth()
@ApiExtraModels(ApologyDto)
@ApiProblems(401, 429)
@Controller('dossiers/:id/apologies')
export class ApologiesController {
  constructor(
    private readonly apologies: ApologiesService,
    private readonly clock: Clock,
  ) {}

  @Post()
  @ApiOperation({ operationId: 'sendApology', summary: 'Send the apology letter with a new return date (form 04); an official of the unit holding the step; once per dossier, at least one working day before the appointed return date' })
  @ApiCreatedResponse({ type: ApologyDto, description: 'The letter' })
  @ApiProblems(400, 403, 404, 409, 422)
  create(@Param('id', uuidPipe) id: string, @Body() dto: CreateApologyDto, @CurrentPrincipal() principal: Principal) {
    return this.apologies.create(id, dto, principal, this.clock.now());
  }

  @Get()
  @ApiOperation({ operationId: 'listApologies', summary: 'The apology letters of a dossier' })
  @ApiListResponse(ApologyDto, 'The letters, oldest first')
  @ApiProblems(400, 403, 404)
  list(@Param('id', uuidPipe) id: string, @CurrentPrincipal() principal: Principal) {
    return this.apologies.list(id, principal);
  }
}
