import type { DataSource, EntityManager } from 'typeorm';

/** The few expressions that differ between SQLite and PostgreSQL in the scoring SQL. */
export interface SqlDialect {
  postgres: boolean;
  /** A timestamp column as days since 1970-01-01 UTC (a double). */
  dayNumber(column: string): string;
  /** A timestamp parameter in a SELECT list (PostgreSQL needs its type there). */
  tsParam(name: string): string;
  /** A Date as a bind value that compares correctly with stored timestamps. */
  time(d: Date): Date | string;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** The text TypeORM stores for a datetime on SQLite (UTC, milliseconds). */
export const sqliteTime = (d: Date): string =>
  `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;

export function dialectOf(source: DataSource | EntityManager): SqlDialect {
  const type = 'connection' in source ? source.connection.options.type : source.options.type;
  if (type === 'postgres') {
    return {
      postgres: true,
      dayNumber: (c) => `CAST(EXTRACT(EPOCH FROM ${c}) / 86400.0 AS double precision)`,
      tsParam: (n) => `CAST(:${n} AS timestamptz)`,
      time: (d) => d,
    };
  }
  return {
    postgres: false,
    dayNumber: (c) => `(julianday(${c}) - 2440587.5)`,
    tsParam: (n) => `:${n}`,
    time: sqliteTime,
  };
}
