/**
 * Calendar arithmetic in the bureau's zone, Asia/Shanghai (UTC+8 all year, no daylight saving), so
 * the result does not depend on the server's TZ.
 */
/** The one definition of the bureau's zone and its offset; everything else imports these. */
export const BUREAU_TZ = 'Asia/Shanghai';
export const BUREAU_OFFSET_MS = 8 * 3600_000;
const OFFSET_MS = BUREAU_OFFSET_MS;
const DAY_MS = 24 * 3600_000;

const shifted = (d: Date) => new Date(d.getTime() + OFFSET_MS);

/** Same wall-clock time `months` later; the 31st becomes the last day of a shorter month. */
export function addMonths(date: Date, months: number): Date {
  const local = shifted(date);
  const target = new Date(local.getTime());
  target.setUTCDate(1);
  target.setUTCMonth(local.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(local.getUTCDate(), lastDay));
  return new Date(target.getTime() - OFFSET_MS);
}

export const addDays = (date: Date, days: number): Date => new Date(date.getTime() + days * DAY_MS);

export const bureauYear = (date: Date): number => shifted(date).getUTCFullYear();

/** [start, end) of a calendar year in the bureau's zone. */
export function bureauYearRange(year: number): { from: Date; to: Date } {
  return {
    from: new Date(Date.UTC(year, 0, 1) - OFFSET_MS),
    to: new Date(Date.UTC(year + 1, 0, 1) - OFFSET_MS),
  };
}

/** `YYYY-MM-DD` (an `<input type="date">`) → the last millisecond of that day in the bureau's zone. */
export function endOfBureauDay(isoDay: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const start = Date.UTC(y, mo - 1, d);
  const check = new Date(start);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  return new Date(start + DAY_MS - 1 - OFFSET_MS);
}

/**
 * An ISO 8601 date or date-time as sent by API clients. A bare date (`2026-06-30`) means the end of
 * that day in the bureau's zone, as the trainer form's date input does; a date-time without an offset
 * is wall-clock time in the bureau's zone (not the server's); one with `Z` or an offset is that instant.
 * Null when it is not a real date.
 */
export function parseBureauInstant(text: string): Date | null {
  const value = text.trim().replace(' ', 'T');
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return endOfBureauDay(value);
  const d = new Date(/(Z|[+-]\d{2}(:?\d{2})?)$/i.test(value) ? value : `${value}+08:00`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The bureau-zone calendar day of an instant as `YYYY-MM-DD` (the value of an `<input type="date">`). */
export const bureauDay = (date: Date): string => shifted(date).toISOString().slice(0, 10);

/**
 * The one rule for due dates: an assignment is due at the end of its day in the bureau's zone
 * (23:59:59.999 Asia/Shanghai), whatever time of day a client sent. Pages say 「YYYY/MM/DD 23:59 截止（北京时间）」.
 */
export const endOfBureauDayOf = (instant: Date): Date => endOfBureauDay(bureauDay(instant)) as Date;

/** 00:00 Asia/Shanghai of the instant's day. */
export const startOfBureauDayOf = (instant: Date): Date =>
  new Date(endOfBureauDayOf(instant).getTime() + 1 - DAY_MS);

const bureauDateTimeFmt = new Intl.DateTimeFormat('zh-CN', {
  timeZone: BUREAU_TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** `2026/12/31 23:59`: an instant as Beijing wall-clock time, for pages and the audit log. */
export const formatBureauDateTime = (instant: Date): string => bureauDateTimeFmt.format(instant);
