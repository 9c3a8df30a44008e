import { Module } from '@nestjs/common';
import { CalendarService } from './calendar.service';

/** The working calendar (announced swaps from the database), for everything that counts working days. */
@Module({ providers: [CalendarService], exports: [CalendarService] })
export class CalendarModule {}
