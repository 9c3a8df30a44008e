import { CliFailure } from '../cli/cli-context';
import { command, type CommandGroup, type CommandRun } from '../cli/command';
import type { CalendarService } from './calendar.service';

const calendar = (run: CommandRun) => run.service<CalendarService>(async () => (await import('./calendar.service.js')).CalendarService);
const DATE = { flags: '--date <YYYY-MM-DD>', description: 'the day', required: true };

export const CALENDAR_COMMANDS: CommandGroup = {
  name: 'calendar',
  description: 'working-day swaps announced each year',
  commands: [
    command<{ date: string; name: string }>({
      name: 'add-holiday',
      description: 'store a day off announced by the government (e.g. a bridge day)',
      options: [DATE, { flags: '--name <name>', description: 'what the day off is for', required: true }],
      async run(run, o) {
        const day = await (await calendar(run)).addHoliday(o.date, o.name, run.cli.actor);
        run.cli.result(o.json, day, () => `${day.date} is a day off: ${day.name}`);
      },
    }),
    command<{ date: string }>({
      name: 'add-working-day',
      description: 'store a weekend day the government made a working day',
      options: [DATE],
      async run(run, o) {
        const day = await (await calendar(run)).addWorkingDay(o.date, run.cli.actor);
        run.cli.result(o.json, day, () => `${day.date} is a working day`);
      },
    }),
    command<{ date: string }>({
      name: 'remove',
      description: 'take back a stored day off or working day (statutory holidays stay)',
      options: [DATE],
      async run(run, o) {
        const day = await (await calendar(run)).remove(o.date, run.cli.actor);
        run.cli.result(o.json, { removed: day }, () => `removed: ${day.date} ${day.kind}${day.name ? ` (${day.name})` : ''}`);
      },
    }),
    command<{ year: string }>({
      name: 'list',
      description: "a year's weekday days off (statutory and stored) and the stored swaps",
      options: [{ flags: '--year <YYYY>', description: 'the year', required: true }],
      async run(run, o) {
        if (!/^\d{4}$/.test(o.year)) throw new CliFailure(`--year must be a year YYYY, got "${o.year}"`);
        const y = await (await calendar(run)).list(Number(o.year));
        run.cli.result(o.json, y, () =>
          [
            `days off in ${y.year} (weekdays):`,
            ...y.daysOff.map((d) => `  ${d.date}  ${d.name}`),
            `stored swaps: ${y.swaps.length ? '' : 'none'}`,
            ...y.swaps.map((s) => `  ${s.date}  ${s.kind}${s.name ? `  ${s.name}` : ''}`),
          ].join('\n'),
        );
      },
    }),
  ],
};
