import { QueryRunner, TableColumnOptions } from 'typeorm';

/** Portable column builders for QueryRunner migrations that run on both SQLite and PostgreSQL. */
export const isPostgres = (qr: QueryRunner): boolean => qr.connection.options.type === 'postgres';

/** uuid primary key kept as varchar(36): TypeORM fills it on SQLite, PostgreSQL's default does there. */
export const idColumn = (qr: QueryRunner, name = 'id'): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '36',
  isPrimary: true,
  ...(isPostgres(qr) ? { default: 'gen_random_uuid()' } : {}),
});
export const refColumn = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '36',
  isNullable: nullable,
});
export const timestampColumn = (qr: QueryRunner, name: string, nullable = false): TableColumnOptions => ({
  name,
  type: isPostgres(qr) ? 'timestamptz' : 'datetime',
  isNullable: nullable,
});
export const createdAtColumn = (qr: QueryRunner, name = 'createdAt'): TableColumnOptions => ({
  ...timestampColumn(qr, name),
  default: isPostgres(qr) ? 'now()' : "(datetime('now'))",
});
export const jsonColumn = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'text',
  isNullable: nullable,
});
export const boolColumn = (name: string, defaultValue: boolean): TableColumnOptions => ({
  name,
  type: 'boolean',
  default: defaultValue ? 'true' : 'false',
});
