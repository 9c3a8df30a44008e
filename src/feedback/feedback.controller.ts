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
  @ApiOperation({ operationId: 'deliverPortalFeedback', summary: 'The national portal delivers a feedback it received (integration); the same portalCode again answers the same record' })
  @ApiCreatedResponse({ type: FeedbackReceiptDto, description: 'New: recorded now' })
  @ApiOkResponse({ type: FeedbackReceiptDto, description: 'Idempotent replay: the record made when this portalCode was first delivered' })
  @ApiProblems(400)
  async submit(@Body() dto: PortalFeedbackDto, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: FastifyReply) {
    const { created, ...answer } = await this.feedback.submitFromPortal(dto, principal, this.clock.now());
    res.status(created ? 201 : 200);
    return answer;
  }

  @Get()
  @ApiOperation({ operationId: 'listFeedback', summary: 'Feedback the caller handles (admin: all; officials: their unit\'s and their dossiers\')' })
  @ApiPageResponse(FeedbackDto, 'A page of feedback')
  @ApiProblems(400)
  list(@Query() query: ListFeedbackQuery, @CurrentPrincipal() principal: Principal) {
    return this.feedback.list(query, principal, this.clock.now());
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getFeedback', summary: 'One feedback the caller handles' })
  @ApiOkResponse({ type: FeedbackDto, description: 'The feedback, with the actions the caller may take' })
  @ApiProblems(400, 404)
  get(@Param('id', uuidPipe) id: string, @CurrentPrincipal() principal: Principal) {
    return this.feedback.get(id, principal, this.clock.now());
  }

  @Get(':id/history')
  @ApiOperation({ operationId: 'getFeedbackHistory', summary: 'The feedback\'s register entries, oldest first, hash-chained like a dossier\'s history' })
  @ApiOkResponse({ type: [FeedbackRegisterEntryDto], description: 'The register entries' })
  @ApiProblems(400, 404)
  history(@Param('id', uuidPipe) id: string, @CurrentPrincipal() principal: Principal) {
    return this.feedback.history(id, principal);
  }

  @Post(':id/actions')
  @HttpCode(200)
  @ApiOperation({ operationId: 'actOnFeedback', summary: 'assign (admin, data.unitCode), answer (the assigned unit, data.answer), publish, close (admin, data.reason)' })
  @ApiOkResponse({ type: FeedbackDto, description: 'The feedback after the action' })
  @ApiProblems(400, 404, 409)
  act(@Param('id', uuidPipe) id: string, @Body() dto: FeedbackActionDto, @CurrentPrincipal() principal: Principal) {
    return this.feedback.act(id, dto, principal, this.clock.now());
  }
}
