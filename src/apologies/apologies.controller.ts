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
  @ApiOperation({
    operationId: 'sendApology',
    summary: 'Send the apology letter with a new return date (form 04); an official of the unit holding the step; once per dossier, at least one working day before the appointed return date',
    description: 'An official of the unit holding the dossier\'s step. Accepted only while at least one working day of office time remains before the appointed return date (422 APOLOGY_TOO_LATE after, with `lastMoment`), and once per dossier (409 APOLOGY_ALREADY_GIVEN). `newReturnDate` (a working day, or an instant within its office hours) becomes the return date in force (`dueAt`, NgayHenTra); the appointed return date and the step\'s own time limit do not move. `number` is `<n>/PXL`, sequential per signing unit and calendar year.',
  })
  @ApiCreatedResponse({ type: ApologyDto, description: 'The letter' })
  @ApiProblems(400, 403, 404, 409, 422)
  create(@Param('id', uuidPipe) id: string, @Body() dto: CreateApologyDto, @CurrentPrincipal() principal: Principal) {
    return this.apologies.create(id, dto, principal, this.clock.now());
  }

  @Get()
  @ApiOperation({
    operationId: 'listApologies',
    summary: 'The apology letters of a dossier',
    description: 'Whoever may read the dossier. A dossier has at most one letter.',
  })
  @ApiListResponse(ApologyDto, 'The letters, oldest first')
  @ApiProblems(400, 403, 404)
  list(@Param('id', uuidPipe) id: string, @CurrentPrincipal() principal: Principal) {
    return this.apologies.list(id, principal);
  }
}
