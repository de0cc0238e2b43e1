import { BUREAU_OFFSET_MS } from '../common/time/bureau-time';

/** Audit times are read in Beijing time (Asia/Shanghai, UTC+8 all year), whatever the server's zone. */
const DAY_MS = 24 * 3600_000;

/** `2026-12-01 14:05` in Beijing time. */
export function beijingMinute(date: Date): string {
  return new Date(date.getTime() + BUREAU_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** `2026-12-01 14:05:09` in Beijing time, for the CSV where seconds matter. */
export function beijingSecond(date: Date): string {
  return new Date(date.getTime() + BUREAU_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** The first instant of a `YYYY-MM-DD` Beijing day, or null when it is not a real date. */
export function startOfBeijingDay(day: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day.trim());
  if (!m) return null;
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const check = new Date(utc);
  if (
    check.getUTCFullYear() !== Number(m[1]) ||
    check.getUTCMonth() !== Number(m[2]) - 1 ||
    check.getUTCDate() !== Number(m[3])
  ) {
    return null;
  }
  return new Date(utc - BUREAU_OFFSET_MS);
}

/** The first instant after a `YYYY-MM-DD` Beijing day (an exclusive upper bound). */
export function endOfBeijingDay(day: string): Date | null {
  const start = startOfBeijingDay(day);
  return start ? new Date(start.getTime() + DAY_MS) : null;
}
