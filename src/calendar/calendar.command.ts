import { Command, Option, SubCommand } from 'nest-commander';
import { CliContext, CliFailure, CommandGroup, JsonCommand, type JsonOption } from '../cli/cli-context';
import { CalendarService } from './calendar.service';

type DateOptions = JsonOption & { date: string; name?: string };

@SubCommand({ name: 'add-holiday', description: 'store a day off announced by the government (e.g. a bridge day)' })
export class CalendarAddHolidayCommand extends JsonCommand<DateOptions> {
  constructor(
    private readonly calendar: CalendarService,
    private readonly cli: CliContext,
  ) {
    super();
  }

  async run(_args: string[], options: DateOptions): Promise<void> {
    const day = await this.calendar.addHoliday(options.date, options.name ?? '', this.cli.actor);
    this.cli.result(options.json, day, () => `${day.date} is a day off: ${day.name}`);
  }

  @Option({ flags: '--date <YYYY-MM-DD>', description: 'the day', required: true })
  parseDate(value: string): string {
    return value;
  }

  @Option({ flags: '--name <name>', description: 'what the day off is for', required: true })
  parseName(value: string): string {
    return value;
  }
}

@SubCommand({ name: 'add-working-day', description: 'store a weekend day the government made a working day' })
export class CalendarAddWorkingDayCommand extends JsonCommand<DateOptions> {
  constructor(
    private readonly calendar: CalendarService,
    private readonly cli: CliContext,
  ) {
    super();
  }

  async run(_args: string[], options: DateOptions): Promise<void> {
    const day = await this.calendar.addWorkingDay(options.date, this.cli.actor);
    this.cli.result(options.json, day, () => `${day.date} is a working day`);
  }

  @Option({ flags: '--date <YYYY-MM-DD>', description: 'the day', required: true })
  parseDate(value: string): string {
    return value;
  }
}

@SubCommand({ name: 'list', description: "a year's weekday days off (statutory and stored) and the stored swaps" })
export class CalendarListCommand extends JsonCommand<JsonOption & { year: string }> {
  constructor(
    private readonly calendar: CalendarService,
    private readonly cli: CliContext,
  ) {
    super();
  }

  async run(_args: string[], options: JsonOption & { year: string }): Promise<void> {
    if (!/^\d{4}$/.test(options.year)) throw new CliFailure(`--year must be a year YYYY, got "${options.year}"`);
    const y = await this.calendar.list(Number(options.year));
    this.cli.result(options.json, y, () =>
      [
        `days off in ${y.year} (weekdays):`,
        ...y.daysOff.map((d) => `  ${d.date}  ${d.name}`),
        `stored swaps: ${y.swaps.length ? '' : 'none'}`,
        ...y.swaps.map((s) => `  ${s.date}  ${s.kind}${s.name ? `  ${s.name}` : ''}`),
      ].join('\n'),
    );
  }

  @Option({ flags: '--year <YYYY>', description: 'the year', required: true })
  parseYear(value: string): string {
    return value;
  }
}

@SubCommand({ name: 'remove', description: 'take back a stored day off or working day (statutory holidays stay)' })
export class CalendarRemoveCommand extends JsonCommand<DateOptions> {
  constructor(
    private readonly calendar: CalendarService,
    private readonly cli: CliContext,
  ) {
    super();
  }

  async run(_args: string[], options: DateOptions): Promise<void> {
    const day = await this.calendar.remove(options.date, this.cli.actor);
    this.cli.result(options.json, { removed: day }, () => `removed: ${day.date} ${day.kind}${day.name ? ` (${day.name})` : ''}`);
  }

  @Option({ flags: '--date <YYYY-MM-DD>', description: 'the day', required: true })
  parseDate(value: string): string {
    return value;
  }
}

@Command({
  name: 'calendar',
  description: 'working-day swaps announced each year',
  subCommands: [CalendarAddHolidayCommand, CalendarAddWorkingDayCommand, CalendarRemoveCommand, CalendarListCommand],
})
export class CalendarCommand extends CommandGroup {}
