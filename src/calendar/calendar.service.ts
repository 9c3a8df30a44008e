import { Inject, Injectable } from '@nestjs/common';
import { Between, DataSource } from 'typeorm';
import { invalid, notFound } from '../common/domain-error';
import { recordAudit } from '../audit/audit';
import { isDateOnly } from '../common/validators';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { CALENDAR_YEARS, type Holiday, WorkingCalendar } from './core';
import { CalendarDayEntity } from './calendar-day.entity';

const CACHE_MS = 30_000;

export interface CalendarYear {
  year: number;
  /** Weekday days off, the swaps included. */
  daysOff: Holiday[];
  /** The swaps stored for the year. */
  swaps: { date: string; kind: 'holiday' | 'working-day'; name: string | null }[];
}

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

  /** Stores an announced day off (replacing a swap stored for that date). */
  addHoliday(date: string, name: string, actor: string) {
    if (!name.trim()) throw invalid('CALENDAR_NAME_REQUIRED', ['--name must not be empty']);
    return this.store({ date: checkDate(date), kind: 'holiday', name: name.trim() }, actor);
  }

  /** Stores an announced worked day, e.g. a Saturday given in exchange for a bridge day. */
  addWorkingDay(date: string, actor: string) {
    return this.store({ date: checkDate(date), kind: 'working-day', name: null }, actor);
  }

  /** Takes back a stored swap (entered by mistake, or the announcement changed); statutory holidays are not stored. */
  async remove(date: string, actor: string) {
    checkDate(date);
    const removed = await this.db.transaction(async (m) => {
      const [rows]: [{ date: string; kind: 'holiday' | 'working-day'; name: string | null }[], number] = await m.query(
        'DELETE FROM calendar_day WHERE date = $1 RETURNING date::text AS date, kind, name',
        [date],
      );
      if (!rows.length) return null;
      await recordAudit(m, actor, 'calendar.remove', rows[0]);
      return rows[0];
    });
    this.invalidate();
    if (!removed) {
      throw notFound('CALENDAR_DAY_NOT_FOUND', `no swap is stored for ${date} (calendar list --year ${date.slice(0, 4)} shows them; statutory holidays cannot be removed)`);
    }
    return removed;
  }

  async list(year: number): Promise<CalendarYear> {
    if (!Number.isInteger(year) || year < CALENDAR_YEARS.first || year > CALENDAR_YEARS.last) {
      throw invalid('CALENDAR_YEAR_INVALID', [`--year must be a year from ${CALENDAR_YEARS.first} to ${CALENDAR_YEARS.last}`]);
    }
    this.invalidate();
    const calendar = await this.current();
    const swaps = await this.db.getRepository(CalendarDayEntity).find({ where: { date: Between(`${year}-01-01`, `${year}-12-31`) }, order: { date: 'ASC' } });
    return { year, daysOff: calendar.holidaysOf(year), swaps: swaps.map(({ date, kind, name }) => ({ date, kind, name })) };
  }

  private async store(day: Pick<CalendarDayEntity, 'date' | 'kind' | 'name'>, actor: string) {
    const subject = { date: day.date, kind: day.kind, name: day.name };
    await this.db.transaction(async (m) => {
      await m.getRepository(CalendarDayEntity).upsert(day, ['date']);
      await recordAudit(m, actor, day.kind === 'holiday' ? 'calendar.add-holiday' : 'calendar.add-working-day', subject);
    });
    this.invalidate();
    return day;
  }
}

function checkDate(date: string): string {
  const year = Number(date.slice(0, 4));
  if (!isDateOnly(date) || year < CALENDAR_YEARS.first || year > CALENDAR_YEARS.last) {
    throw invalid('CALENDAR_DATE_INVALID', [`--date ${date} must be a calendar date YYYY-MM-DD from ${CALENDAR_YEARS.first} to ${CALENDAR_YEARS.last}`]);
  }
  return date;
}
