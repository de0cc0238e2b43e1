import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../database/column-types';

export const SESSION_KINDS = ['classroom', 'broadcast', 'online'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];
export const SESSION_KIND_LABELS: Record<SessionKind, string> = {
  classroom: '培训班',
  broadcast: '收听收看',
  online: '线上培训',
};
export type SessionStatus = 'scheduled' | 'cancelled' | 'closed';
export const SESSION_STATUS_LABELS: Record<SessionStatus, string> = {
  scheduled: '未结束',
  cancelled: '已取消',
  closed: '已结束',
};

export interface SessionMaterial {
  title: string;
  url?: string;
  text?: string;
}

/**
 * A training session. `sequence` is the iCalendar SEQUENCE (bumped on every change); `codeSecret` is
 * the key of the rotating check-in codes (HMAC of id + 30 s slot), so codes themselves are never stored.
 */
@Entity('training_sessions')
export class TrainingSession {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 20 }) kind: SessionKind;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'text', nullable: true }) description: string | null;
  @TimestampColumn() startsAt: Date;
  @TimestampColumn() endsAt: Date;
  @TimestampColumn() checkInClosesAt: Date;
  @Column({ type: 'integer', default: 30 }) checkInOpensMinutes: number;
  @Column({ type: 'integer', default: 10 }) lateGraceMinutes: number;
  @Column({ type: 'varchar', length: 200, nullable: true }) location: string | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) streamUrl: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) noticeNumber: string | null;
  @Column({ type: 'integer', nullable: true }) capacity: number | null;
  @Column({ type: 'real', default: 0 }) creditHours: number;
  @Column({ type: 'real', default: 0.8 }) minPresenceRatio: number;
  @Column({ type: 'varchar', length: 100, nullable: true }) courseId: string | null;
  /** JSON: SessionMaterial[]. */
  @Column({ type: 'text' }) materials: string;
  @Column({ type: 'varchar', length: 20 }) status: SessionStatus;
  @Column({ type: 'integer', default: 0 }) sequence: number;
  @Column({ type: 'varchar', length: 64, select: false }) codeSecret: string;
  @Column({ type: 'varchar', length: 36 }) createdById: string;
  @TimestampColumn() createdAt: Date;
  @TimestampColumn() updatedAt: Date;
  @TimestampColumn({ nullable: true }) closedAt: Date | null;
  /** 补录: a past class recorded afterwards; no notices, attendance by hand only (never auto-缺席). */
  @Column({ type: 'boolean', default: false }) backfilled: boolean;
  @Column({ type: 'varchar', length: 500, nullable: true }) cancelReason: string | null;
}

/** Closing happens at the later of the end and the check-in close. */
export const closeTimeOf = (s: Pick<TrainingSession, 'endsAt' | 'checkInClosesAt'>): Date =>
  new Date(Math.max(s.endsAt.getTime(), s.checkInClosesAt.getTime()));
