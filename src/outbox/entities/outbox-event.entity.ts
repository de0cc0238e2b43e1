import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../database/column-types';

/**
 * An event written in the same transaction as the change it describes. A relay publishes unpublished
 * rows to the queue (in createdAt order) and stamps `publishedAt`, so a Redis outage loses nothing.
 */
@Entity('outbox_events')
export class OutboxEvent {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 64 }) type: string;
  /** JSON text; see outbox.events.ts for the shape per type. */
  @Column({ type: 'text' }) payload: string;
  @TimestampColumn() createdAt: Date;
  @TimestampColumn({ nullable: true }) publishedAt: Date | null;
  @Column({ type: 'integer', default: 0 }) attempts: number;
}
