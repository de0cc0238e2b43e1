import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import { TransactionRunner } from '../database/transaction-runner';
import { OutboxEvent } from './entities/outbox-event.entity';
import type { OutboxEventType, OutboxPayloads } from './outbox.events';

/**
 * The transactional outbox. Producers call `append` with the EntityManager of the transaction that
 * makes the change, so the event exists if and only if the change committed. A relay (the scoring
 * feature) reads `unpublished`, enqueues, then calls `markPublished` (or `recordFailure`).
 */
@Injectable()
export class OutboxService {
  constructor(
    @InjectRepository(OutboxEvent) private readonly events: Repository<OutboxEvent>,
    private readonly tx: TransactionRunner,
  ) {}

  async append<T extends OutboxEventType>(em: EntityManager, type: T, payload: OutboxPayloads[T]): Promise<string> {
    const id = randomUUID();
    await em.insert(OutboxEvent, { id, type, payload: JSON.stringify(payload), createdAt: new Date(), publishedAt: null, attempts: 0 });
    return id;
  }

  /** Oldest first (served by idx_outbox_events_pending). */
  unpublished(limit = 100): Promise<OutboxEvent[]> {
    return this.events.find({ where: { publishedAt: IsNull() }, order: { createdAt: 'ASC', id: 'ASC' }, take: limit });
  }

  async markPublished(ids: string[], at = new Date()): Promise<void> {
    if (ids.length === 0) return;
    await this.tx.run((em) => em.update(OutboxEvent, { id: In(ids), publishedAt: IsNull() }, { publishedAt: at }));
  }

  async recordFailure(id: string): Promise<void> {
    await this.tx.run((em) => em.increment(OutboxEvent, { id }, 'attempts', 1));
  }
}
