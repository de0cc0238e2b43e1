import { QueryFailedError } from 'typeorm';
import { AppError } from './app-error';

/** Seconds a client is told to wait after DATABASE.BUSY (Retry-After). */
const RETRY_AFTER_SECONDS = 5;

/**
 * 503 DATABASE.BUSY: SQLite's write lock stayed with another process (the scoring worker, a backup,
 * the sqlite3 shell) beyond SQLITE_BUSY_WAIT_MS. Nothing was written; trying again later is safe.
 */
export class DatabaseBusyError extends AppError {
  readonly retryAfterSeconds = RETRY_AFTER_SECONDS;

  constructor() {
    super(503, 'DATABASE.BUSY', '系统繁忙，请稍后再试');
    Object.assign(this.getResponse() as object, { retryAfterSeconds: RETRY_AFTER_SECONDS });
  }
}

/** SQLITE_BUSY (and its extended codes) from either driver, bare or wrapped in a QueryFailedError. */
export function isSqliteBusy(error: unknown): boolean {
  const driverError = error instanceof QueryFailedError ? (error.driverError as unknown) : error;
  const { code, message } = (driverError ?? {}) as { code?: unknown; message?: unknown };
  return (
    (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) ||
    (typeof message === 'string' && message.startsWith('SQLITE_BUSY'))
  );
}
