import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems } from '../common/api-problems';
import { ApiPageResponse } from '../common/api-responses';
import { FeedbackDto, FeedbackReceiptDto, FeedbackRegisterEntryDto } from './dto/feedback.dto';
import { Clock } from '../common/clock';
import { CurrentPrincipal } from '../common/principal';
import { uuidPipe } from '../common/uuid.pipe';
import type { Principal } from '../common/principal';
import { AllowedKinds } from '../common/auth.decorators';
import { FeedbackActionDto } from './dto/feedback-action.dto';
import { ListFeedbackQuery } from './dto/list-feedback.query';
import { PortalFeedbackDto } from './dto/submit-feedback.dto';
import { FeedbackService } from './feedback.service';

@ApiTags('feedback')
@ApiBearerAuth()
@ApiProblems(401, 403, 429)
@AllowedKinds('admin', 'official')
@Controller('feedback')
export class FeedbackController {
  constructor(
    private readonly feedback: FeedbackService,
    private readonly clock: Clock,
  ) {}

  @Post()
  @AllowedKinds('integration')
  @ApiOperation({
    operationId: 'deliverPortalFeedback',
    summary: 'The national portal delivers a feedback it received (integration); the same portalCode again answers the same record',
    description: 'Integration only. The body of sendFeedback, plus the portal\'s own `portalCode` and `receivedAt` (when the portal received it, from which the 5 working days to forward it count). 201 with the new record; the same portalCode again answers 200 with the same record, nothing recorded twice, also when two deliveries race.',
  })
  @ApiCreatedResponse({ type: FeedbackReceiptDto, description: 'New: recorded now' })
  @ApiOkResponse({ type: FeedbackReceiptDto, description: 'Idempotent replay: the record made when this portalCode was first delivered' })
  @ApiProblems(400)
  async submit(@Body() dto: PortalFeedbackDto, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: FastifyReply) {
    const { created, ...answer } = await this.feedback.submitFromPortal(dto, principal, this.clock.now());
    res.status(created ? 201 : 200);
    return answer;
  }

  @Get()
  @ApiOperation({
    operationId: 'listFeedback',
    summary: 'Feedback the caller handles (admin: all; officials: their unit\'s and their dossiers\')',
    description: 'Admins see all; officials the feedback assigned to their unit or naming a dossier in their jurisdiction. `dueAt` is the forwarding deadline while received, the answering deadline while assigned, null after.',
  })
  @ApiPageResponse(FeedbackDto, 'A page of feedback')
  @ApiProblems(400)
  list(@Query() query: ListFeedbackQuery, @CurrentPrincipal() principal: Principal) {
    return this.feedback.list(query, principal, this.clock.now());
  }

  @Get(':id')
  @ApiOperation({
    operationId: 'getFeedback',
    summary: 'One feedback the caller handles',
    description: 'One feedback as in the list; 403 FEEDBACK_OUT_OF_SCOPE outside the caller\'s unit and jurisdiction, 404 FEEDBACK_NOT_FOUND.',
  })
  @ApiOkResponse({ type: FeedbackDto, description: 'The feedback, with the actions the caller may take' })
  @ApiProblems(400, 404)
  get(@Param('id', uuidPipe) id: string, @CurrentPrincipal() principal: Principal) {
    return this.feedback.get(id, principal, this.clock.now());
  }

  @Get(':id/history')
  @ApiOperation({
    operationId: 'getFeedbackHistory',
    summary: 'The feedback\'s register entries, oldest first, hash-chained like a dossier\'s history',
    description: 'Each entry\'s `hash` is the SHA-256 of `prevHash` and the entry\'s other fields (canonical JSON), so the chain checks from this answer alone.',
  })
  @ApiOkResponse({ type: [FeedbackRegisterEntryDto], description: 'The register entries' })
  @ApiProblems(400, 404)
  history(@Param('id', uuidPipe) id: string, @CurrentPrincipal() principal: Principal) {
    return this.feedback.history(id, principal);
  }

  @Post(':id/actions')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'actOnFeedback',
    summary: 'assign (admin, data.unitCode), answer (the assigned unit, data.answer), return (admin, data.reason), publish, close (admin, data.reason)',
    description: 'States received → assigned → answered → published, and closed from any of the first three, always with the reason (data.reason). The provincial office (admin) assigns, returns an unsuitable answer to the unit before publication (data.reason; the feedback is assigned again and the unit answers anew), publishes (optionally with the question as the register will show it, data.content; the answer then goes to the national portal through the outbox as a `feedback.published` message) and closes; only an official of the assigned unit answers. 409 FEEDBACK_ACTION_NOT_AVAILABLE with `availableActions`; 400 FEEDBACK_UNIT_UNKNOWN for an unknown unit.',
  })
  @ApiOkResponse({ type: FeedbackDto, description: 'The feedback after the action' })
  @ApiProblems(400, 404, 409)
  act(@Param('id', uuidPipe) id: string, @Body() dto: FeedbackActionDto, @CurrentPrincipal() principal: Principal) {
    return this.feedback.act(id, dto, principal, this.clock.now());
  }
}
