// Pure: the working calendar of Vietnamese state agencies.
export { lunarNewYear, lunarToSolar } from './lunar';
export { ANNOUNCED, officialDaysOff, ruleDaysOff } from './holidays';
export type { Holiday, YearDaysOff } from './holidays';
export { CALENDAR_YEARS, CalendarRangeError, DEFAULT_OFFICE_HOURS, inCalendarYears, WorkingCalendar } from './working-calendar';
export { localDate, startOfLocalDay } from './iso-day';
export type { CalendarOverrides, OfficeHours } from './working-calendar';
