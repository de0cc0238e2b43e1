import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import { rawRows } from '../database/sql/raw-sql';
import { TransactionRunner } from '../database/transaction-runner';
import { OutboxEvent } from './entities/outbox-event.entity';
import type { OutboxEventType, OutboxPayloads } from './outbox.events';

/** Rows per INSERT: well under SQLite's 999 bound variables (6 columns per row). */
const APPEND_BATCH = 150;

/**
 * The transactional outbox. Producers call `append` with the EntityManager of the transaction that
 * makes the change, so the event exists if and only if the change committed. A relay (the scoring
 * feature) `claim`s a batch, enqueues it, then calls `markPublished`; the worker calls `markProcessed`
 * when the job has run. `stalePublished` + `republish` reconcile facts whose job vanished from Redis.
 */
@Injectable()
export class OutboxService {
  constructor(
    @InjectRepository(OutboxEvent) private readonly events: Repository<OutboxEvent>,
    private readonly tx: TransactionRunner,
  ) {}

  async append<T extends OutboxEventType>(
    em: EntityManager,
    type: T,
    payload: OutboxPayloads[T],
  ): Promise<string> {
    const id = randomUUID();
    await em.insert(OutboxEvent, {
      id,
      type,
      payload: JSON.stringify(payload),
      createdAt: new Date(),
      publishedAt: null,
      attempts: 0,
    });
    return id;
  }

  /** One event per payload in the caller's transaction, inserted in batches (an assignment can reach a whole bureau). */
  async appendMany<T extends OutboxEventType>(
    em: EntityManager,
    type: T,
    payloads: Array<OutboxPayloads[T]>,
  ): Promise<number> {
    const createdAt = new Date();
    for (let i = 0; i < payloads.length; i += APPEND_BATCH) {
      const rows = payloads.slice(i, i + APPEND_BATCH).map((p) => ({
        id: randomUUID(),
        type,
        payload: JSON.stringify(p),
        createdAt,
        publishedAt: null,
        attempts: 0,
      }));
      await em.insert(OutboxEvent, rows);
    }
    return payloads.length;
  }

  /** Oldest first (served by idx_outbox_events_pending). */
  unpublished(limit = 100): Promise<OutboxEvent[]> {
    return this.events.find({
      where: { publishedAt: IsNull() },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: limit,
    });
  }

  /**
   * Claims up to `limit` unpublished rows nobody holds (or whose holder's lease ran out) for `token`,
   * oldest first, in one UPDATE: two relays never get the same row. PostgreSQL skips rows another
   * relay is claiming right now instead of waiting for it; the outer conditions are re-checked there
   * against the row as committed by a concurrent claim.
   */
  async claim(token: string, limit: number, leaseMs: number, now = new Date()): Promise<OutboxEvent[]> {
    const free = `"publishedAt" IS NULL AND ("claimedUntil" IS NULL OR "claimedUntil" < :now)`;
    await this.tx.run(async (em) => {
      const postgres = em.connection.options.type === 'postgres';
      const pick = `SELECT "id" FROM outbox_events WHERE ${free} ORDER BY "createdAt", "id" LIMIT ${Math.floor(limit)}${postgres ? ' FOR UPDATE SKIP LOCKED' : ''}`;
      await rawRows(
        em,
        `UPDATE outbox_events SET "claimedBy" = :token, "claimedUntil" = :until WHERE "id" IN (${pick}) AND ${free}`,
        {
          token,
          until: new Date(now.getTime() + leaseMs),
          now,
        },
      );
    });
    return this.events.find({
      where: { claimedBy: token, publishedAt: IsNull() },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** Published by the holder of the claim (a relay whose lease was taken over marks nothing). */
  async markPublished(ids: string[], token: string, at = new Date()): Promise<void> {
    if (ids.length === 0) return;
    await this.tx.run((em) =>
      em.update(
        OutboxEvent,
        { id: In(ids), claimedBy: token },
        { publishedAt: at, claimedBy: null, claimedUntil: null },
      ),
    );
  }

  /** Gives a claim back at once (the relay could not enqueue), instead of letting its lease run out. */
  async release(token: string): Promise<void> {
    await this.tx.run((em) =>
      em.update(
        OutboxEvent,
        { claimedBy: token, publishedAt: IsNull() },
        { claimedBy: null, claimedUntil: null },
      ),
    );
  }

  /** An event no job can use: counted, and done (published and processed), so it neither blocks nor returns. */
  async setAside(id: string, at = new Date()): Promise<void> {
    await this.tx.run(async (em) => {
      await em.increment(OutboxEvent, { id }, 'attempts', 1);
      await em.update(
        OutboxEvent,
        { id },
        { publishedAt: at, processedAt: at, claimedBy: null, claimedUntil: null },
      );
    });
  }

  async isProcessed(id: string): Promise<boolean> {
    const row = await this.events.findOne({ where: { id }, select: { id: true, processedAt: true } });
    return row?.processedAt !== null && row?.processedAt !== undefined;
  }

  /** The worker's mark that the event's job ran; false when it was already marked (a second run). */
  async markProcessed(id: string, at = new Date()): Promise<boolean> {
    const done = await this.tx.run((em) =>
      em
        .createQueryBuilder()
        .update(OutboxEvent)
        .set({ processedAt: at })
        .where(`"id" = :id AND "processedAt" IS NULL`, { id })
        .execute(),
    );
    return (done.affected ?? 0) > 0;
  }

  /** Published before `cutoff` and not processed: the jobs the reconcile checks against Redis. */
  stalePublished(
    cutoff: Date,
    limit: number,
    afterId = '',
  ): Promise<Array<Pick<OutboxEvent, 'id' | 'attempts'>>> {
    return rawRows(
      this.events.manager,
      `SELECT "id", "attempts" FROM outbox_events WHERE "processedAt" IS NULL AND "publishedAt" IS NOT NULL AND "publishedAt" < :cutoff AND "id" > :afterId ORDER BY "id" LIMIT ${Math.floor(limit)}`,
      { cutoff, afterId },
    );
  }

  /** Back to unpublished (a relay enqueues it again), unless it was processed meanwhile; counted in `attempts`. */
  async republish(ids: string[]): Promise<number> {
    if (ids.length === 0) return 0;
    return this.tx.run(async (em) => {
      const where = `"id" IN (:...ids) AND "processedAt" IS NULL AND "publishedAt" IS NOT NULL`;
      const res = await em
        .createQueryBuilder()
        .update(OutboxEvent)
        .set({ publishedAt: null, claimedBy: null, claimedUntil: null, attempts: () => '"attempts" + 1' })
        .where(where, { ids })
        .execute();
      return res.affected ?? 0;
    });
  }
}
