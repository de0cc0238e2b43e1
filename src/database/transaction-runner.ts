import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { setTimeout as delay } from 'node:timers/promises';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { DatabaseBusyError, isSqliteBusy } from '../common/errors/database-busy.error';

/** The driver-level busy timeout on SQLite (ms): one try at the write lock; the runner retries between tries. */
export const SQLITE_BUSY_SLICE_MS = 50;
/** Pause between tries, so the connection serves reads and the event loop stays free meanwhile. */
const RETRY_PAUSE_MS = 10;
/** After a transaction that held the write lock this long, the next one waits YIELD_MS ... */
const LONG_HOLD_MS = 20;
/** ... so another process sharing the file (the scoring worker, the app) gets the lock in between. */
const YIELD_MS = 50;

export interface WriteLockStatus {
  /** `busy`: the last write could not get SQLite's write lock within the bounded wait. */
  state: 'ok' | 'busy';
  since: string | null;
  /** Writes of this process waiting for their turn (SQLite only). */
  queued: number;
}

/**
 * Every write goes through `run()`. TypeORM's SQLite driver has a single connection: two
 * `dataSource.transaction()` calls at once fail ("Transaction is not started yet") and can leave
 * partial writes, and a plain `repository.save()` would join someone else's open transaction. So on
 * SQLite write transactions (either driver) are queued and run one at a time; PostgreSQL runs them
 * concurrently.
 *
 * Another process may write the same SQLite file (the scoring worker). So a write transaction begins
 * IMMEDIATE: it takes the write lock before it reads, or waits for it, bounded by `busyWaitMs`; a
 * DEFERRED one that read first could never upgrade once the other process had committed (WAL's
 * SQLITE_BUSY_SNAPSHOT), and the whole queue would wait behind it for ever. A write that cannot get
 * the lock in time fails with 503 DATABASE.BUSY and the queue moves on.
 */
@Injectable()
export class TransactionRunner implements OnModuleDestroy {
  private readonly logger = new Logger('Database');
  private tail: Promise<unknown> = Promise.resolve();
  private queued = 0;
  private closing = false;
  private busySince: Date | null = null;
  private lastLongHoldEnd = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly busyWaitMs = 5000,
  ) {}

  run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (this.dataSource.options.type === 'postgres') return this.dataSource.transaction(work);
    this.queued += 1;
    const next = this.tail.then(() => {
      this.queued -= 1;
      return this.runImmediate(work);
    });
    this.tail = next.catch(() => undefined);
    return next;
  }

  status(): WriteLockStatus {
    return {
      state: this.busySince ? 'busy' : 'ok',
      since: this.busySince?.toISOString() ?? null,
      queued: this.queued,
    };
  }

  /** Shutdown: no more waiting for the lock; each queued write gets one short try and then fails fast. */
  close(): void {
    this.closing = true;
  }

  onModuleDestroy(): void {
    this.close();
  }

  private async runImmediate<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const sinceLongHold = Date.now() - this.lastLongHoldEnd;
    if (!this.closing && sinceLongHold < YIELD_MS) await delay(YIELD_MS - sinceLongHold);
    const qr = this.dataSource.createQueryRunner();
    try {
      await this.beginImmediate(qr);
      const lockedAt = Date.now();
      try {
        const result = await work(qr.manager);
        await qr.commitTransaction();
        return result;
      } catch (error) {
        if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
        if (isSqliteBusy(error)) throw new DatabaseBusyError();
        throw error;
      } finally {
        if (Date.now() - lockedAt >= LONG_HOLD_MS) this.lastLongHoldEnd = Date.now();
      }
    } finally {
      await qr.release();
    }
  }

  /** `startTransaction()` with BEGIN IMMEDIATE, retried within the bounded wait. */
  private async beginImmediate(qr: QueryRunner): Promise<void> {
    const deadline = Date.now() + this.busyWaitMs;
    for (;;) {
      try {
        await startImmediate(qr);
        if (this.busySince) {
          this.logger.log(`SQLite write lock free again (busy since ${this.busySince.toISOString()})`);
        }
        this.busySince = null;
        return;
      } catch (error) {
        // TypeORM marks the (shared) SQLite query runner active before its BEGIN runs: undo that.
        (qr as { isTransactionActive: boolean }).isTransactionActive = false;
        if (!isSqliteBusy(error)) throw error;
        if (this.closing || Date.now() + RETRY_PAUSE_MS >= deadline) {
          if (!this.busySince) {
            this.busySince = new Date();
            this.logger.warn(
              `SQLite write lock held by another process beyond ${this.busyWaitMs} ms: writes answer 503 DATABASE.BUSY until it is free`,
            );
          }
          throw new DatabaseBusyError();
        }
        await delay(RETRY_PAUSE_MS);
      }
    }
  }
}

/**
 * TypeORM's SQLite query runners begin with a plain (DEFERRED) `BEGIN TRANSACTION` and have no option
 * for IMMEDIATE; let startTransaction() keep its bookkeeping and swap that one statement.
 */
async function startImmediate(qr: QueryRunner): Promise<void> {
  const query = qr.query.bind(qr);
  let swapped = false;
  qr.query = ((sql: string, ...rest: unknown[]) => {
    if (sql === 'BEGIN TRANSACTION') {
      swapped = true;
      sql = 'BEGIN IMMEDIATE TRANSACTION';
    }
    return (query as (...args: unknown[]) => Promise<unknown>)(sql, ...rest);
  }) as QueryRunner['query'];
  try {
    await qr.startTransaction();
  } finally {
    delete (qr as Partial<QueryRunner>).query;
  }
  if (!swapped) {
    await qr.rollbackTransaction();
    throw new Error(
      'TypeORM no longer begins SQLite transactions with "BEGIN TRANSACTION": update startImmediate()',
    );
  }
}
