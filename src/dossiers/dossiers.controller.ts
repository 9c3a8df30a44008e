import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems } from '../common/api-problems';
import { LargeBody } from '../common/body-limits';
import { Clock } from '../common/clock';
import { CurrentPrincipal, type Principal } from '../common/principal';
import { CompiledBodyPipe } from '../common/compiled-body.pipe';
import { uuidPipe } from '../common/uuid.pipe';
import { DossiersService } from './dossiers.service';
import { DossierActionDto, ResultReturnedDto } from './dto/dossier-action.dto';
import { DOSSIER_ACTION_SCHEMA } from './dto/dossier-action.schema';
import { ListDossiersQuery } from './dto/list-dossiers.query';
import { SubmitDossierDto } from './dto/submit-dossier.dto';
import { IdempotencyKey, IdempotencyKeyHeader } from './idempotency-key.decorator';

/** An action's body: the hot path's, checked by a compiled validator. */
const ACTION_BODY = new CompiledBodyPipe(DossierActionDto, DOSSIER_ACTION_SCHEMA);

@ApiTags('dossiers')
@ApiBearerAuth()
@ApiProblems(401, 429)
@Controller('dossiers')
export class DossiersController {
  constructor(
    private readonly dossiers: DossiersService,
    private readonly clock: Clock,
  ) {}

  @Post()
  @LargeBody()
  @ApiOperation({ summary: 'Submit a dossier (integration). 201 created; 200 when the same portalCode and body were already received' })
  @ApiCreatedResponse({ description: 'The dossier, received now' })
  @ApiOkResponse({ description: 'The same portalCode with the same body again: the same dossier, nothing created twice' })
  @ApiProblems(400, 403, 409)
  async submit(@Body() dto: SubmitDossierDto, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: FastifyReply) {
    const { created, dossier } = await this.dossiers.submit(dto, principal, this.clock.now());
    res.status(created ? 201 : 200);
    return dossier;
  }

  @Get()
  @ApiOperation({ summary: 'List dossiers the caller may see' })
  @ApiOkResponse({ description: '{ items, page, pageSize, total }, newest first' })
  @ApiProblems(400)
  list(@Query() query: ListDossiersQuery, @CurrentPrincipal() principal: Principal) {
    return this.dossiers.list(query, principal, this.clock.now());
  }

  @Get(':id')
  @ApiOperation({ summary: 'One dossier' })
  @ApiOkResponse({ description: 'The dossier' })
  @ApiProblems(400, 403, 404)
  get(@Param('id', uuidPipe) id: string, @CurrentPrincipal() principal: Principal) {
    return this.dossiers.get(id, principal, this.clock.now());
  }

  @Post(':id/actions')
  @LargeBody()
  @HttpCode(200)
  @IdempotencyKeyHeader()
  @ApiOperation({ summary: 'Take an action on the dossier\'s current step' })
  @ApiOkResponse({ description: 'The dossier after the action (or, for a repeated Idempotency-Key, the first answer)' })
  @ApiProblems(400, 403, 404, 409, 422)
  @ApiBody({ type: DossierActionDto })
  act(
    @Param('id', uuidPipe) id: string,
    @Body(ACTION_BODY) dto: Readonly<DossierActionDto>,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key?: string,
  ) {
    return this.dossiers.act(id, dto, principal, this.clock.now(), key);
  }

  @Post(':id/result-returned')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The result of an approved dossier was returned to the applicant (portal code 10): the portal acknowledges it (integration), or an official of the approving unit records it',
  })
  @ApiOkResponse({ description: 'The dossier, with resultReturnedAt' })
  @ApiProblems(400, 403, 404, 409)
  returnResult(@Param('id', uuidPipe) id: string, @Body() dto: ResultReturnedDto, @CurrentPrincipal() principal: Principal) {
    return this.dossiers.returnResult(id, dto, principal, this.clock.now());
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Every event of the dossier, oldest first, hash-chained' })
  @ApiOkResponse({ description: 'The history entries' })
  @ApiProblems(400, 403, 404)
  history(@Param('id', uuidPipe) id: string, @CurrentPrincipal() principal: Principal) {
    return this.dossiers.history(id, principal);
  }
}
