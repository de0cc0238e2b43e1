import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Every write goes through `run()`. TypeORM's SQLite driver has a single connection: two
 * `dataSource.transaction()` calls at once fail ("Transaction is not started yet") and can leave
 * partial writes, and a plain `repository.save()` would join someone else's open transaction. So on
 * SQLite write transactions (either driver) are queued and run one at a time; PostgreSQL runs them
 * concurrently.
 */
@Injectable()
export class TransactionRunner {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (this.dataSource.options.type === 'postgres') return this.dataSource.transaction(work);
    const next = this.tail.then(() => this.dataSource.transaction(work));
    this.tail = next.catch(() => undefined);
    return next;
  }
}
