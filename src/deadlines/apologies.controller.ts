import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../common/api-problems';
import { Clock } from '../common/clock';
import { preferredType } from '../common/content-negotiation';
import { CurrentPrincipal } from '../common/principal';
import { uuidPipe } from '../common/uuid.pipe';
import type { Principal } from '../common/principal';
import { ApologiesService } from './apologies.service';
import { apologyLetterHtml } from './apology-letter';
import { CreateApologyDto } from './dto/create-apology.dto';

@ApiTags('deadlines')
@ApiBearerAuth()
@ApiProblems(401, 429)
@Controller('dossiers/:id/apologies')
export class ApologiesController {
  constructor(
    private readonly apologies: ApologiesService,
    private readonly clock: Clock,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Send the apology letter with a new return date (form 04); an official of the unit holding the step; once per dossier, at least one working day before the appointed return date' })
  @ApiCreatedResponse({ description: 'The letter' })
  @ApiProblems(400, 403, 404, 409, 422)
  create(@Param('id', uuidPipe) id: string, @Body() dto: CreateApologyDto, @CurrentPrincipal() principal: Principal) {
    return this.apologies.create(id, dto, principal, this.clock.now());
  }

  @Get()
  @ApiOperation({ summary: 'The apology letters of a dossier' })
  @ApiOkResponse({ description: 'The letters, oldest first' })
  @ApiProblems(400, 403, 404)
  list(@Param('id', uuidPipe) id: string, @CurrentPrincipal() principal: Principal) {
    return this.apologies.list(id, principal);
  }

  @Get(':apologyId')
  @ApiProduces('application/json', 'text/html')
  @ApiOperation({ summary: 'One apology letter, as JSON or (Accept: text/html) as a printable Vietnamese document' })
  @ApiOkResponse({ description: 'The letter, as JSON or (Accept: text/html) HTML' })
  @ApiProblems(400, 403, 404)
  async get(
    @Param('id', uuidPipe) id: string,
    @Param('apologyId', uuidPipe) apologyId: string,
    @CurrentPrincipal() principal: Principal,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const letter = await this.apologies.get(id, apologyId, principal);
    if (preferredType(req, ['application/json', 'text/html']) !== 'text/html') return letter;
    res.type('text/html; charset=utf-8');
    return apologyLetterHtml(letter);
  }
}
