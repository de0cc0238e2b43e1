import { EntityManager, ObjectLiteral } from 'typeorm';

/**
 * Runs hand-written SQL with `:named` (and `:...list`) parameters on either driver: TypeORM turns them
 * into `?` or `$n` and converts Dates and booleans the way each database stores them. Identifiers are
 * double-quoted in the SQL, which both SQLite and PostgreSQL accept.
 */
export async function rawRows<T>(em: EntityManager, sql: string, params: ObjectLiteral): Promise<T[]> {
  const [query, values] = em.connection.driver.escapeQueryWithParameters(sql, params, {});
  return (await em.query(query, values)) as T[];
}

/** SQLite returns datetimes as UTC text without a zone, PostgreSQL as Date objects. */
export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return value;
  const text = String(value);
  const d = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(text)
    ? new Date(`${text.replace(' ', 'T')}Z`)
    : new Date(text);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** PostgreSQL returns COUNT and SUM as strings. */
export const toNumber = (value: unknown): number =>
  value === null || value === undefined ? 0 : Number(value);
