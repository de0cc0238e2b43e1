import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { setTimeout as delay } from 'node:timers/promises';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TransactionRunner } from '../database/transaction-runner';

const TIMEOUT_MS = 1500;

/**
 * `db`: the ping, and on SQLite whether a write can get the file's write lock. A held lock (the
 * worker's long transaction, a backup, the sqlite3 shell) leaves reads working but fails every write
 * with DATABASE.BUSY, so a SELECT 1 alone would say up. The probe is an empty write transaction in the
 * runner's queue (one at a time); it clears the busy state as soon as the lock is free again.
 */
@Injectable()
export class DatabaseHealthIndicator {
  private probe?: Promise<unknown>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly ping: TypeOrmHealthIndicator,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async check(key: string) {
    if (this.dataSource.options.type !== 'postgres') {
      this.probe ??= this.tx
        .run(async () => undefined)
        .catch(() => undefined)
        .finally(() => (this.probe = undefined));
      await Promise.race([this.probe, delay(TIMEOUT_MS)]);
      const lock = this.tx.status();
      if (lock.state === 'busy') {
        return this.indicator.check(key).down({
          message: `busy: SQLite write lock held by another process since ${lock.since}; writes answer 503 DATABASE.BUSY`,
          queued: lock.queued,
        });
      }
    }
    return this.ping.pingCheck(key, { timeout: TIMEOUT_MS });
  }
}
