import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSourceOptions, LoggerOptions } from 'typeorm';
import { migrations } from './migrations';
import { QueryErrorLogger } from './query-error-logger';
import { SQLITE_BUSY_SLICE_MS } from './transaction-runner';

export interface DatabaseEnv {
  DB_TYPE: 'sqlite' | 'postgres';
  SQLITE_PATH: string;
  DATABASE_URL?: string;
  DB_LOGGING?: boolean;
  /** SQLite driver: `sqlite3` (default, async on libuv's threads) or `better-sqlite3` (synchronous, faster). */
  SQLITE_DRIVER?: 'sqlite3' | 'better-sqlite3';
}

/** One place that turns the environment into TypeORM options, for the app, the CLI and tests. */
export function buildDataSourceOptions(env: DatabaseEnv): DataSourceOptions {
  // Failed queries are logged (without their parameters), except in tests, where constraint
  // violations are provoked on purpose.
  const logging: LoggerOptions = env.DB_LOGGING
    ? ['query', 'error']
    : process.env.NODE_ENV === 'test'
      ? false
      : ['error'];
  const common = {
    migrations,
    migrationsRun: false,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logging,
    ...(env.DB_LOGGING || logging === false ? {} : { logger: new QueryErrorLogger() }),
  };
  if (env.DB_TYPE === 'postgres') {
    return { ...common, type: 'postgres', url: env.DATABASE_URL, extra: { max: 10 } } as DataSourceOptions;
  }
  if (env.SQLITE_PATH !== ':memory:') mkdirSync(dirname(env.SQLITE_PATH), { recursive: true });
  if (env.SQLITE_DRIVER === 'better-sqlite3') {
    // Same file format and SQL; the driver runs on the main thread (no thread pool), so it is fast and
    // never competes with password hashing for libuv's threads. `timeout` is its busy timeout: short,
    // because a wait blocks the event loop; TransactionRunner retries asynchronously up to SQLITE_BUSY_WAIT_MS.
    return {
      ...common,
      type: 'better-sqlite3',
      database: env.SQLITE_PATH,
      enableWAL: true,
      timeout: SQLITE_BUSY_SLICE_MS,
    } as DataSourceOptions;
  }
  return {
    ...common,
    type: 'sqlite',
    database: env.SQLITE_PATH,
    enableWAL: true,
    // One short try at the lock; TransactionRunner retries up to SQLITE_BUSY_WAIT_MS. No
    // `busyErrorRetry`: it retries SQLITE_BUSY without limit, also where waiting can never succeed.
    busyTimeout: SQLITE_BUSY_SLICE_MS,
  } as DataSourceOptions;
}
