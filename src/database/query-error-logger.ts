import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * The production database logger: failed queries, without their parameters. TypeORM's own loggers
 * print the parameters too, and an INSERT INTO users carries the password hash. DB_LOGGING=true
 * (local debugging only) still switches to TypeORM's full query log.
 */
export class QueryErrorLogger implements TypeOrmLogger {
  private readonly logger = new Logger('Database');

  logQueryError(error: string | Error, query: string, _parameters?: unknown[]): void {
    // A try at SQLite's write lock that found it taken: TransactionRunner retries and logs the outcome.
    if (
      query === 'BEGIN IMMEDIATE TRANSACTION' &&
      String(error instanceof Error ? error.message : error).includes('SQLITE_BUSY')
    ) {
      return;
    }
    this.logger.error(`query failed: ${error instanceof Error ? error.message : error} -- ${query}`);
  }

  logQuery(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
  }
}
