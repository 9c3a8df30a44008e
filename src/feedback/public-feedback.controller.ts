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
  @ApiOperation({
    operationId: 'sendFeedback',
    summary: 'Sends a feedback (phản ánh, kiến nghị); answers its id and tracking code',
    description: 'No token; limited per address (429 beyond). A title of 1–200 characters, a content of 1–5000, the sender\'s name and a Vietnamese phone number or an email (or both), and optionally the portal code of the dossier it is about. The tracking code is `PAKN.YYYYMMDD.NNNN`, numbered per day of receipt in Vietnam time.',
  })
  @ApiCreatedResponse({ type: FeedbackReceiptDto, description: 'Recorded' })
  @ApiProblems(400)
  submit(@Body() dto: SubmitFeedbackDto) {
    return this.feedback.submit(dto, this.clock.now());
  }

  @Get()
  @ApiOperation({
    operationId: 'listPublishedFeedback',
    summary: 'Feedback whose answers were published, newest first, without the senders\' contact details',
    description: 'No token; limited per address (429 beyond). `content` is the question as the office published it; the sender\'s contact details are never shown.',
  })
  @ApiPageResponse(PublishedFeedbackDto, 'A page of the register, newest first')
  @ApiProblems(400)
  published(@Query() query: PageQuery) {
    return this.feedback.published(query);
  }

  @Get(':trackingCode')
  @ApiOperation({
    operationId: 'trackFeedback',
    summary: 'Where a feedback stands, by its tracking code; its answer once published. With contact (the sender\'s phone or email): the answer even unpublished and the reason it was closed',
    description: 'No token; limited per address (429 beyond). Tracking codes are sequential, so without `contact` the title and answer show only once published and never the content. A `contact` that does not match answers 404 FEEDBACK_NOT_FOUND, like an unknown code.',
  })
  @ApiOkResponse({ type: FeedbackTrackingDto, description: 'Where it stands' })
  @ApiProblems(400, 404)
  track(@Param() params: TrackingCodeParams, @Query() query: TrackQuery) {
    return this.feedback.track(params.trackingCode, query.contact);
  }
}
