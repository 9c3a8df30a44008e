import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/api-problems';
import { ApiPageResponse } from '../common/api-responses';
import { FeedbackReceiptDto, FeedbackTrackingDto, PublishedFeedbackDto } from './dto/feedback.dto';
import { Clock } from '../common/clock';
import { Public } from '../common/auth.decorators';
import { RateLimitedPerAddress } from '../common/rate-limit';
import { PageQuery } from '../ledger/pages';
import { TrackingCodeParams, TrackQuery } from './dto/list-feedback.query';
import { SubmitFeedbackDto } from './dto/submit-feedback.dto';
import { FeedbackService } from './feedback.service';

@ApiTags('public')
@ApiProblems(429)
@Public()
@RateLimitedPerAddress()
@Controller('public/feedback')
export class PublicFeedbackController {
  constructor(
    private readonly feedback: FeedbackService,
    private readonly clock: Clock,
  ) {}

  @Post()
  @ApiOperation({ operationId: 'sendFeedback', summary: 'Sends a feedback (phản ánh, kiến nghị); answers its id and tracking code' })
  @ApiCreatedResponse({ type: FeedbackReceiptDto, description: 'Recorded' })
  @ApiProblems(400)
  submit(@Body() dto: SubmitFeedbackDto) {
    return this.feedback.submit(dto, this.clock.now());
  }

  @Get()
  @ApiOperation({ operationId: 'listPublishedFeedback', summary: 'Feedback whose answers were published, newest first, without the senders\' contact details' })
  @ApiPageResponse(PublishedFeedbackDto, 'A page of the register, newest first')
  @ApiProblems(400)
  published(@Query() query: PageQuery) {
    return this.feedback.published(query);
  }

  @Get(':trackingCode')
  @ApiOperation({
    operationId: 'trackFeedback',
    summary: 'Where a feedback stands, by its tracking code; its answer once published. With contact (the sender\'s phone or email): the answer even unpublished and the reason it was closed',
  })
  @ApiOkResponse({ type: FeedbackTrackingDto, description: 'Where it stands' })
  @ApiProblems(400, 404)
  track(@Param() params: TrackingCodeParams, @Query() query: TrackQuery) {
    return this.feedback.track(params.trackingCode, query.contact);
  }
}
