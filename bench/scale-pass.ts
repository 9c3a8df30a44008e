// The deadline pass over a generated year, in a process of its own so its peak RSS is the pass's:
// `node dist/bench/scale-pass.js <database url>` prints { ms, peakRssMb, scanned, newAlerts }.
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CalendarService } from '../src/calendar/calendar.service';
import { loadConfig } from '../src/config/config';
import { dataSourceOptions } from '../src/data-source';
import { DeadlinePassService } from '../src/deadlines/deadline-pass.service';
import { SCALE_NOW } from './scale-data';
import { round } from './stats';

async function main(url: string): Promise<void> {
  const db = await new DataSource(dataSourceOptions(url, { extra: { max: 4 } })).initialize();
  try {
    Logger.overrideLogger(['error', 'warn']);
    const config = { ...loadConfig(), databaseUrl: url };
    const pass = new DeadlinePassService(db, new CalendarService(db, config), config);
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const start = performance.now();
    const result = await pass.run(SCALE_NOW);
    const ms = performance.now() - start;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    console.log(JSON.stringify({ ms: round(ms, 1), peakRssMb: round(peak / 2 ** 20, 1), scanned: result.scanned, newAlerts: result.newAlerts }));
  } finally {
    await db.destroy();
  }
}

main(process.argv[2]).catch((error) => {
  console.error(error);
  process.exit(1);
});
