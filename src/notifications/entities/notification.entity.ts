import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../database/column-types';

/**
 * One in-app message to one person: an assignment reminder, a session reminder, a notice (通知).
 * `kind` says who made it; `sourceId` points at what it is about (an assignment, a session, a notice),
 * so a feature can find, count or withdraw its own messages.
 */
@Entity('notifications')
@Index('idx_notifications_user', ['userId', 'createdAt'])
@Index('idx_notifications_source', ['kind', 'sourceId'])
export class Notification {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) userId: string;
  @Column({ type: 'varchar', length: 40 }) kind: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) sourceId: string | null;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'text' }) body: string;
  /** A path inside the app (`/learning`, `/sessions/…`), never an outside address. */
  @Column({ type: 'varchar', length: 300, nullable: true }) link: string | null;
  @TimestampColumn() createdAt: Date;
  @TimestampColumn({ nullable: true }) readAt: Date | null;
}
