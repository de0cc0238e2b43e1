import { BUREAU_OFFSET_MS, bureauDay } from '../../common/time/bureau-time';

/** A month calendar in the bureau's zone (weeks start on Monday), with the items of each day. */
export interface MonthDay<T> {
  day: number | null;
  iso: string | null;
  today: boolean;
  items: T[];
}

/** `YYYY-MM` → the month and its [from, to) instants; anything else means the current month. */
export function parseMonth(
  text: string | undefined,
  now = new Date(),
): { year: number; month: number; from: Date; to: Date } {
  const m = /^(\d{4})-(\d{2})$/.exec(text ?? '');
  const local = new Date(now.getTime() + BUREAU_OFFSET_MS);
  let year = m ? Number(m[1]) : local.getUTCFullYear();
  let month = m ? Number(m[2]) : local.getUTCMonth() + 1;
  if (month < 1 || month > 12 || year < 2000 || year > 2100) {
    year = local.getUTCFullYear();
    month = local.getUTCMonth() + 1;
  }
  return {
    year,
    month,
    from: new Date(Date.UTC(year, month - 1, 1) - BUREAU_OFFSET_MS),
    to: new Date(Date.UTC(year, month, 1) - BUREAU_OFFSET_MS),
  };
}

export const monthParam = (year: number, month: number) => {
  const d = new Date(Date.UTC(year, month - 1, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
};

export function monthGrid<T extends { startsAt: Date }>(
  year: number,
  month: number,
  items: T[],
  now = new Date(),
): Array<Array<MonthDay<T>>> {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7;
  const today = bureauDay(now);
  const cells: Array<MonthDay<T>> = [];
  for (let i = 0; i < lead; i++) cells.push({ day: null, iso: null, today: false, items: [] });
  for (let d = 1; d <= days; d++) {
    const iso = `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    cells.push({
      day: d,
      iso,
      today: iso === today,
      items: items.filter((it) => bureauDay(it.startsAt) === iso),
    });
  }
  while (cells.length % 7 !== 0) cells.push({ day: null, iso: null, today: false, items: [] });
  const weeks: Array<Array<MonthDay<T>>> = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}
