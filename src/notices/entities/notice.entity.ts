import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../database/column-types';
import type { Role } from '../../users/entities/user.entity';

/**
 * A notice (通知) sent by a trainer. Recipients get a notification of kind `notice` whose sourceId is
 * the notice id; reading that notification is the read receipt. Officers who join a target later get
 * it too while `lateDeliveryUntil` has not passed.
 */
@Entity('notices')
export class Notice {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'text' }) body: string;
  @Column({ type: 'varchar', length: 100, nullable: true }) noticeNumber: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) sessionId: string | null;
  @Column({ type: 'varchar', length: 36 }) createdById: string;
  @TimestampColumn() sentAt: Date;
  @TimestampColumn() lateDeliveryUntil: Date;
  /** Set when the notice is withdrawn (已撤回): recipients then see no body, it leaves unread counts. */
  @TimestampColumn({ nullable: true }) withdrawnAt?: Date | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) withdrawnById?: string | null;
  /** The last 提醒未读人员; another is refused until NOTICE_REMIND_COOLDOWN_MINUTES have passed. */
  @TimestampColumn({ nullable: true }) lastRemindedAt?: Date | null;
}

export type NoticeTargetKind = 'unit' | 'role' | 'user';

@Entity('notice_targets')
export class NoticeTarget {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) noticeId: string;
  @Column({ type: 'varchar', length: 10 }) kind: NoticeTargetKind;
  @Column({ type: 'varchar', length: 36, nullable: true }) unitId: string | null;
  @Column({ type: 'boolean', default: true }) includeSubtree: boolean;
  @Column({ type: 'varchar', length: 20, nullable: true }) role: Role | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) userId: string | null;
}
