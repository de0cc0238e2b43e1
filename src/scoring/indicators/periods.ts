import { IndicatorErrors } from './indicators.errors';

/** A reporting period: year `2026`, quarter `2026-Q2` or month `2026-05`, in the bureau's time zone (UTC+8). */
export interface Period {
  code: string;
  kind: 'year' | 'quarter' | 'month';
  /** Inclusive start and exclusive end, as instants. */
  start: Date;
  end: Date;
}

const OFFSET_MS = 8 * 3_600_000; // Asia/Shanghai has no daylight saving
const bureauMidnight = (y: number, m0: number) => new Date(Date.UTC(y, m0, 1) - OFFSET_MS);

export function parsePeriod(code: string): Period | null {
  let m = /^(\d{4})$/.exec(code);
  if (m) return { code, kind: 'year', start: bureauMidnight(+m[1], 0), end: bureauMidnight(+m[1] + 1, 0) };
  m = /^(\d{4})-Q([1-4])$/.exec(code);
  if (m) {
    const q = +m[2] - 1;
    return {
      code,
      kind: 'quarter',
      start: bureauMidnight(+m[1], q * 3),
      end: bureauMidnight(+m[1], q * 3 + 3),
    };
  }
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(code);
  if (m) {
    return {
      code,
      kind: 'month',
      start: bureauMidnight(+m[1], +m[2] - 1),
      end: bureauMidnight(+m[1], +m[2]),
    };
  }
  return null;
}

export function periodOrFail(code: string, field = 'period'): Period {
  const p = parsePeriod(code);
  if (!p) throw IndicatorErrors.periodInvalid(field);
  return p;
}

/** The year, quarter and month containing `at` (bureau time). */
export function currentPeriods(at: Date): string[] {
  const local = new Date(at.getTime() + OFFSET_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  return [`${y}`, `${y}-Q${Math.floor(m / 3) + 1}`, `${y}-${String(m + 1).padStart(2, '0')}`];
}
