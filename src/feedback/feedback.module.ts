import { Module } from '@nestjs/common';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { FeedbackController } from './feedback.controller';
import { FeedbackService } from './feedback.service';
import { PublicFeedbackController } from './public-feedback.controller';

@Module({
  imports: [DeadlinesModule],
  controllers: [PublicFeedbackController, FeedbackController],
  providers: [FeedbackService],
})
export class FeedbackModule {}
