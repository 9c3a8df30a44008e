import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { FeedbackController } from './feedback.controller';
import { FeedbackService } from './feedback.service';
import { PublicFeedbackController } from './public-feedback.controller';

@Module({
  imports: [CalendarModule],
  controllers: [PublicFeedbackController, FeedbackController],
  providers: [FeedbackService],
})
export class FeedbackModule {}
