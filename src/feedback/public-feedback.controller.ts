import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/api-problems';
import { Clock } from '../common/clock';
import { Public } from '../common/auth.decorators';
import { RateLimitedPerAddress } from '../common/rate-limit';
import { PageQuery, TrackingCodeParams } from './dto/list-feedback.query';
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
  @ApiOperation({ summary: 'Sends a feedback (phản ánh, kiến nghị); answers its id and tracking code' })
  @ApiCreatedResponse({ description: '{ id, trackingCode }' })
  @ApiProblems(400)
  submit(@Body() dto: SubmitFeedbackDto) {
    return this.feedback.submit(dto, this.clock.now());
  }

  @Get()
  @ApiOperation({ summary: 'Feedback whose answers were published, newest first, without the senders\' contact details' })
  @ApiOkResponse({ description: '{ items, page, pageSize, total }' })
  @ApiProblems(400)
  published(@Query() query: PageQuery) {
    return this.feedback.published(query);
  }

  @Get(':trackingCode')
  @ApiOperation({ summary: 'Where a feedback stands, by its tracking code; its answer once published' })
  @ApiOkResponse({ description: '{ trackingCode, state, receivedAt, title, answer, publishedAt }' })
  @ApiProblems(400, 404)
  track(@Param() params: TrackingCodeParams) {
    return this.feedback.track(params.trackingCode);
  }
}
