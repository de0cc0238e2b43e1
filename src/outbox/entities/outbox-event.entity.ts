import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../database/column-types';

/**
 * An event written in the same transaction as the change it describes. A relay claims unpublished
 * rows (`claimedBy` until `claimedUntil`), publishes them to the queue (in createdAt order) and stamps
 * `publishedAt`; the worker stamps `processedAt` once the job has run. A published row without
 * `processedAt` whose job is gone from Redis is published again, so a Redis outage or data loss loses nothing.
 */
@Entity('outbox_events')
export class OutboxEvent {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 64 }) type: string;
  /** JSON text; see outbox.events.ts for the shape per type. */
  @Column({ type: 'text' }) payload: string;
  @TimestampColumn() createdAt: Date;
  @TimestampColumn({ nullable: true }) publishedAt: Date | null;
  /** Failures and re-queues: a bad payload, a job gone from Redis before it ran. */
  @Column({ type: 'integer', default: 0 }) attempts: number;
  /** The relay (process and pass) that holds the row; the lease ends at claimedUntil, so a dead relay's claim expires. */
  @Column({ type: 'varchar', length: 64, nullable: true }) claimedBy?: string | null;
  @TimestampColumn({ nullable: true }) claimedUntil?: Date | null;
  /** Set by the worker in the transaction that finishes the event's job (or when the event is set aside). */
  @TimestampColumn({ nullable: true }) processedAt?: Date | null;
}
