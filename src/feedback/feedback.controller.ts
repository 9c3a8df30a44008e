import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/api-problems';
import { Clock } from '../common/clock';
import { CurrentPrincipal } from '../common/principal';
import { uuidPipe } from '../common/uuid.pipe';
import type { Principal } from '../common/principal';
import { AllowedKinds } from '../common/auth.decorators';
import { FeedbackActionDto } from './dto/feedback-action.dto';
import { ListFeedbackQuery } from './dto/list-feedback.query';
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

  @Get()
  @ApiOperation({ summary: 'Feedback the caller handles (admin: all; officials: their unit\'s and their dossiers\')' })
  @ApiOkResponse({ description: '{ items, page, pageSize, total }' })
  @ApiProblems(400)
  list(@Query() query: ListFeedbackQuery, @CurrentPrincipal() principal: Principal) {
    return this.feedback.list(query, principal, this.clock.now());
  }

  @Get(':id')
  @ApiOperation({ summary: 'One feedback the caller handles' })
  @ApiOkResponse({ description: 'The feedback, with the actions the caller may take' })
  @ApiProblems(400, 404)
  get(@Param('id', uuidPipe) id: string, @CurrentPrincipal() principal: Principal) {
    return this.feedback.get(id, principal, this.clock.now());
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'The feedback\'s register entries, oldest first, hash-chained like a dossier\'s history' })
  @ApiOkResponse({ description: 'The register entries' })
  @ApiProblems(400, 404)
  history(@Param('id', uuidPipe) id: string, @CurrentPrincipal() principal: Principal) {
    return this.feedback.history(id, principal);
  }

  @Post(':id/actions')
  @HttpCode(200)
  @ApiOperation({ summary: 'assign (admin, data.unitCode), answer (the assigned unit, data.answer), publish, close (admin)' })
  @ApiOkResponse({ description: 'The feedback after the action' })
  @ApiProblems(400, 404, 409)
  act(@Param('id', uuidPipe) id: string, @Body() dto: FeedbackActionDto, @CurrentPrincipal() principal: Principal) {
    return this.feedback.act(id, dto, principal, this.clock.now());
  }
}
