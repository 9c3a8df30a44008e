// Pure: dates, times and amounts written as Vietnamese administrative documents write them.
import { VN_OFFSET_MS } from '../calendar/core/iso-day';

function local(at: Date) {
  const d = new Date(at.getTime() + VN_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * "ngày 05 tháng 02 năm 2021", "ngày 12 tháng 5 năm 2020" in Asia/Ho_Chi_Minh: Decree 30/2020/NĐ-CP
 * writes a 0 before days under 10 and before months 1 and 2, not before other months.
 */
export function vnDate(at: Date): string {
  const { year, month, day } = local(at);
  return `ngày ${two(day)} tháng ${month <= 2 ? two(month) : month} năm ${year}`;
}

/** "09 giờ 30 phút, ngày 12 tháng 5 năm 2020". */
export function vnDateTime(at: Date): string {
  const { hour, minute } = local(at);
  return `${two(hour)} giờ ${two(minute)} phút, ${vnDate(at)}`;
}

/** "Quảng Ngãi, ngày 12 tháng 5 năm 2020", or the blanks a hand fills in when there is no date yet. */
export function placeAndDate(place: string, at: Date | null): string {
  return `${place}, ${at ? vnDate(at) : 'ngày … tháng … năm …'}`;
}

/** "1.800.000 đồng". */
export function vnMoney(amount: number): string {
  return `${String(Math.round(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đồng`;
}

/** Upper case as letterheads write agency names ("Bảo hiểm xã hội tỉnh Quảng Ngãi" → "BẢO HIỂM XÃ HỘI TỈNH QUẢNG NGÃI"). */
export const vnUpper = (text: string): string => text.toLocaleUpperCase('vi');

export function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
}

/** "09:30 12/05/2020" in Asia/Ho_Chi_Minh: a register's cell, short enough for a column. */
export function vnShortDateTime(at: Date): string {
  const { year, month, day, hour, minute } = local(at);
  return `${two(hour)}:${two(minute)} ${two(day)}/${two(month)}/${year}`;
}

/** "12/05/2020" from a Vietnam day YYYY-MM-DD. */
export function vnDay(day: string): string {
  const [year, month, date] = day.split('-');
  return `${date}/${month}/${year}`;
}
