import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { WorkingCalendar } from './calendar';
import { CalendarDayEntity } from './calendar-day.entity';

const CACHE_MS = 30_000;

/** The working calendar with the announced swaps of the database, cached briefly. */
@Injectable()
export class CalendarService {
  private cached: { at: number; calendar: WorkingCalendar } | null = null;

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async current(): Promise<WorkingCalendar> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached.calendar;
    const days = await this.db.getRepository(CalendarDayEntity).find();
    const calendar = new WorkingCalendar(
      {
        holidays: days.filter((d) => d.kind === 'holiday').map((d) => ({ date: d.date, name: d.name ?? '' })),
        workingDays: days.filter((d) => d.kind === 'working-day').map((d) => d.date),
      },
      this.config.officeHours,
    );
    this.cached = { at: Date.now(), calendar };
    return calendar;
  }

  /** After a swap is added, this instance sees it at once; others within CACHE_MS. */
  invalidate(): void {
    this.cached = null;
  }
}
