// Pure: the dossier register of a unit (form 06 of Circular 01/2018/TT-VPCP) as data: which line a
// dossier makes, how it ended, and what the note says.
import { invalid } from '../common/domain-error';
import { CALENDAR_YEARS, inCalendarYears, localDate, startOfLocalDay } from '../calendar/core';

const DAY_MS = 86_400_000;
/** A register covers at most a year (366 days): a unit's book is kept and printed by period. */
export const REGISTER_MAX_DAYS = 366;

export interface RegisterPeriod {
  from: string;
  to: string;
  /** [start, end): `from` 00:00 to the day after `to`, Vietnam time. */
  start: Date;
  end: Date;
}

/** The period of a register: two Vietnam days (the query validated their form), `from` ≤ `to`, at most 366 days. */
export function registerPeriod(from: string, to: string): RegisterPeriod {
  const start = startOfLocalDay(from);
  const end = new Date(startOfLocalDay(to).getTime() + DAY_MS);
  if (!inCalendarYears(start) || !inCalendarYears(new Date(end.getTime() - 1))) {
    throw invalid('REPORT_PERIOD_INVALID', [`from and to must fall within ${CALENDAR_YEARS.first}–${CALENDAR_YEARS.last}`]);
  }
  if (start >= end) throw invalid('REPORT_PERIOD_INVALID', ['from must not be after to']);
  if (end.getTime() - start.getTime() > REGISTER_MAX_DAYS * DAY_MS) {
    throw invalid('REPORT_PERIOD_INVALID', [`a register covers at most ${REGISTER_MAX_DAYS} days; ask for it period by period`]);
  }
  return { from, to, start, end };
}

export const REGISTER_OUTCOMES = ['early', 'on-time', 'late-with-apology', 'late', 'rejected', 'withdrawn', 'in-progress', 'awaiting-supplement'] as const;
export type RegisterOutcome = (typeof REGISTER_OUTCOMES)[number];

/** A dossier the unit received, as the register's query reads it. */
export interface RegisterSource {
  dossierId: string;
  portalCode: string;
  procedureCode: string;
  procedureVersion: number;
  procedureName: string;
  applicant: { name: string; address: string; phone?: string | null };
  status: string;
  /** When the unit received it: the portal's submission for the first step's unit, else the hand-over to it. */
  receivedAt: Date;
  /** The return date appointed at receipt (form 01), else the legal appointed date. */
  appointedAtReceipt: Date | null;
  /** The legal appointed date now (moved only by supplement pauses); the return date in force now. */
  appointedReturnAt: Date | null;
  dueAt: Date | null;
  /** When the dossier left the unit for another agency's step. */
  forwardedAt: Date | null;
  finishedAt: Date | null;
  resultReturnedAt: Date | null;
  apology: { number: string; newReturnDate: Date } | null;
  competentUnit: { code: string | null; name: string };
}

const NOTE: Record<RegisterOutcome, string> = {
  early: 'Trả kết quả trước hạn',
  'on-time': 'Trả kết quả đúng hạn',
  'late-with-apology': 'Trả kết quả trễ hạn, đã xin lỗi và hẹn lại',
  late: 'Trả kết quả trễ hạn',
  rejected: 'Từ chối giải quyết',
  withdrawn: 'Rút hồ sơ',
  'in-progress': 'Đang giải quyết',
  'awaiting-supplement': 'Chờ bổ sung hồ sơ',
};

const dd = (at: Date) => localDate(at).split('-').reverse().join('/');

/**
 * How the dossier stands: a result is judged against the legal appointed date as the processing
 * report judges it (early on an earlier day, on time by that moment, late with apology by the
 * apology's new date, late after both); a refusal or a withdrawal is said as such.
 */
export function registerOutcome(s: Pick<RegisterSource, 'status' | 'finishedAt' | 'appointedReturnAt' | 'dueAt'>): RegisterOutcome {
  if (!s.finishedAt) return s.status === 'awaiting-supplement' ? 'awaiting-supplement' : 'in-progress';
  if (s.status === 'rejected') return 'rejected';
  if (s.status === 'withdrawn') return 'withdrawn';
  const appointed = s.appointedReturnAt ?? s.dueAt;
  if (!appointed || s.finishedAt <= appointed) return appointed && localDate(s.finishedAt) < localDate(appointed) ? 'early' : 'on-time';
  return s.dueAt && s.finishedAt <= s.dueAt ? 'late-with-apology' : 'late';
}

/** One line of the register, numbered `n`, as the JSON answers it. */
export function registerRow(s: RegisterSource, n: number, now: Date) {
  const outcome = registerOutcome(s);
  const overdue = !s.finishedAt && s.dueAt !== null && s.dueAt < now;
  // The result came back from the agency that decides when the dossier ended with it (not a withdrawal),
  // and went to the applicant at once through the portal for a refusal or a loan, else when returned.
  const resultReceivedAt = s.finishedAt && s.status !== 'withdrawn' ? s.finishedAt : null;
  const returnedAt = s.resultReturnedAt ?? (s.status === 'rejected' || s.status === 'disbursing' || s.status === 'disbursed' ? s.finishedAt : null);
  const note = [
    overdue ? `${NOTE[outcome]}, quá hạn` : NOTE[outcome],
    s.apology ? `Phiếu xin lỗi số ${s.apology.number}, hẹn lại ngày trả ${dd(s.apology.newReturnDate)}` : '',
  ].filter(Boolean).join('; ');
  return {
    n,
    dossierId: s.dossierId,
    portalCode: s.portalCode,
    procedure: { code: s.procedureCode, version: s.procedureVersion, name: s.procedureName },
    copies: 1,
    applicant: { name: s.applicant.name, address: s.applicant.address, phone: s.applicant.phone ?? null },
    competentUnit: s.competentUnit,
    receivedAt: s.receivedAt.toISOString(),
    appointedReturnAt: s.appointedAtReceipt?.toISOString() ?? null,
    forwardedAt: s.forwardedAt?.toISOString() ?? null,
    resultReceivedAt: resultReceivedAt?.toISOString() ?? null,
    returnedAt: returnedAt?.toISOString() ?? null,
    status: s.status,
    outcome,
    overdue,
    apology: s.apology ? { number: s.apology.number, newReturnDate: s.apology.newReturnDate.toISOString() } : null,
    note,
  };
}

export type RegisterRow = ReturnType<typeof registerRow>;

export interface Register {
  unit: { code: string; name: string };
  from: string;
  to: string;
  at: string;
  total: number;
  rows: RegisterRow[];
}
