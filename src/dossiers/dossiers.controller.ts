import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems } from '../common/api-problems';
import { ApiPageResponse } from '../common/api-responses';
import { DossierDto, HistoryEntryDto } from './dto/dossier.dto';
import { LargeBody } from '../common/body-limits';
import { Clock } from '../common/clock';
import { CurrentPrincipal, type Principal } from '../common/principal';
import { CompiledBodyPipe } from '../common/compiled-body.pipe';
import { uuidPipe } from '../common/uuid.pipe';
import { DossierActionsService } from './dossier-actions.service';
import { DossierIntakeService } from './dossier-intake.service';
import { DossierReadsService } from './dossier-reads.service';
import { DossierActionDto, ResultReturnedDto } from './dto/dossier-action.dto';
import { DOSSIER_ACTION_SCHEMA } from './dto/dossier-action.schema';
import { ListDossiersQuery } from './dto/list-dossiers.query';
import { SubmitDossierDto } from './dto/submit-dossier.dto';
import { SUBMIT_DOSSIER_SCHEMA, submitDossierDto } from './dto/submit-dossier.schema';
import { IdempotencyKey, IdempotencyKeyHeader } from './idempotency-key.decorator';

/** An action's body: the hot path's, checked by a compiled validator. */
const ACTION_BODY = new CompiledBodyPipe(DossierActionDto, DOSSIER_ACTION_SCHEMA);
/** A submission's body (the portal's intake, up to thousands of workers): the same, made into the DTO's instances. */
const SUBMISSION_BODY = new CompiledBodyPipe(SubmitDossierDto, SUBMIT_DOSSIER_SCHEMA, submitDossierDto);

@ApiTags('dossiers')
@ApiBearerAuth()
@ApiProblems(401, 429)
@Controller('dossiers')
export class DossiersController {
  constructor(
    private readonly intake: DossierIntakeService,
    private readonly actions: DossierActionsService,
    private readonly reads: DossierReadsService,
    private readonly clock: Clock,
  ) {}

  @Post()
  @LargeBody()
  @ApiOperation({
    operationId: 'submitDossier',
    summary: 'Submit a dossier (integration): step 1 of its procedure',
    description:
      '201 Created: the portalCode is new; the dossier is received now (its receipt, form 01, and the portal\'s first status message are written with it).\n\n' +
      '200 OK: an idempotent replay: the same portalCode with the same body was received before; the answer is that dossier as it is now, and nothing is created or sent twice. ' +
      'The portal may therefore resend a submission whose answer it lost. The same portalCode with a different body is refused with 409 DOSSIER_PORTAL_CODE_CONFLICT.',
  })
  @ApiCreatedResponse({ type: DossierDto, description: 'New: the dossier, received now' })
  @ApiOkResponse({ type: DossierDto, description: 'Idempotent replay: the same portalCode with the same body again; the same dossier, nothing created twice' })
  @ApiProblems(400, 403, 409, 422)
  @ApiBody({ type: SubmitDossierDto })
  async submit(@Body(SUBMISSION_BODY) dto: Readonly<SubmitDossierDto>, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: FastifyReply) {
    const { created, dossier } = await this.intake.submit(dto, principal, this.clock.now());
    res.status(created ? 201 : 200);
    return dossier;
  }

  @Get()
  @ApiOperation({
    operationId: 'listDossiers',
    summary: 'List dossiers the caller may see',
    description: 'Officials see only their unit\'s jurisdiction; admin and integration see all. Newest first, the id breaking ties. By keyset (`limit` 1–200, then each answer\'s `nextCursor` as `cursor`) or by `page`/`pageSize` down to page × pageSize ≤ 10,000 (deeper: 400 PAGE_TOO_DEEP); `overdue=true|false` compares the current step\'s due time with now. An unknown query parameter is refused (400).',
  })
  @ApiPageResponse(DossierDto, 'A page of dossiers, newest first')
  @ApiProblems(400)
  list(@Query() query: ListDossiersQuery, @CurrentPrincipal() principal: Principal) {
    return this.reads.list(query, principal, this.clock.now());
  }

  @Get(':id')
  @ApiOperation({
    operationId: 'getDossier',
    summary: 'One dossier',
    description: 'The dossier as the calling principal sees it: `availableActions` are the actions it may take now, `version` is what `expectedVersion` compares with. `currentStep` is null while the applicant holds the dossier (`awaiting-supplement`) and once it is final; `dueAt` and `appointedReturnDate` are null while it waits for the applicant.',
  })
  @ApiOkResponse({ type: DossierDto, description: 'The dossier' })
  @ApiProblems(400, 403, 404)
  get(@Param('id', uuidPipe) id: string, @CurrentPrincipal() principal: Principal) {
    return this.reads.get(id, principal, this.clock.now());
  }

  @Post(':id/actions')
  @LargeBody()
  @HttpCode(200)
  @IdempotencyKeyHeader()
  @ApiOperation({
    operationId: 'actOnDossier',
    summary: 'Take an action on the dossier\'s current step',
    description: 'The integration principal supplements and withdraws; an official takes the step\'s actions when their unit\'s kind is the step\'s actor, they hold a grant for that procedure and step, and the dossier is in their unit\'s jurisdiction (docs/api.md lists the actions per step). An optional Idempotency-Key makes a repeat with the same key and body answer the first answer and apply nothing again. 409 when the action is not available in the current state (the body lists `availableActions`) or `expectedVersion` is stale; 422 when a rule of the procedure forbids it. Of concurrent actions on one dossier exactly one wins.',
  })
  @ApiOkResponse({ type: DossierDto, description: 'The dossier after the action (or, for a repeated Idempotency-Key, the first answer)' })
  @ApiProblems(400, 403, 404, 409, 422)
  @ApiBody({ type: DossierActionDto })
  act(
    @Param('id', uuidPipe) id: string,
    @Body(ACTION_BODY) dto: Readonly<DossierActionDto>,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key?: string,
  ) {
    return this.actions.act(id, dto, principal, this.clock.now(), key);
  }

  @Post(':id/result-returned')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'recordResultReturned',
    summary: 'The result of an approved dossier was returned to the applicant (portal code 10): the portal acknowledges it (integration), or an official of the approving unit records it',
    description: 'Only for an approved dossier (409 DOSSIER_RESULT_NOT_RETURNABLE otherwise; a disbursal returns a loan\'s result), and once (409 DOSSIER_RESULT_ALREADY_RETURNED). The dossier stays approved; its history and the portal\'s status message (TrangThaiHoSo 10) record it.',
  })
  @ApiOkResponse({ type: DossierDto, description: 'The dossier, with resultReturnedAt' })
  @ApiProblems(400, 403, 404, 409)
  returnResult(@Param('id', uuidPipe) id: string, @Body() dto: ResultReturnedDto, @CurrentPrincipal() principal: Principal) {
    return this.actions.returnResult(id, dto, principal, this.clock.now());
  }

  @Get(':id/history')
  @ApiOperation({
    operationId: 'getDossierHistory',
    summary: 'Every event of the dossier, oldest first, hash-chained',
    description: 'Each entry\'s `hash` is the SHA-256 of `prevHash` and the entry\'s canonical JSON (keys sorted), so the chain checks from this answer alone. An action\'s `data`, which may hold personal numbers, is not returned: only its hash (`dataHash`).',
  })
  @ApiOkResponse({ type: [HistoryEntryDto], description: 'The history entries' })
  @ApiProblems(400, 403, 404)
  history(@Param('id', uuidPipe) id: string, @CurrentPrincipal() principal: Principal) {
    return this.reads.history(id, principal);
  }
}
