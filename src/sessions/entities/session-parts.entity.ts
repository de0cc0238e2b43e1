import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../database/column-types';

/** A target unit of a session; its officers (and those of the subtree) are enrolled. */
@Entity('session_targets')
export class SessionTarget {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) sessionId: string;
  @Column({ type: 'varchar', length: 36 }) unitId: string;
  @Column({ type: 'boolean', default: true }) includeSubtree: boolean;
}

/**
 * A viewing venue (分会场) of a broadcast. Officers of `unitId`'s subtree watch there (the deepest
 * matching venue wins); the coordinator marks that venue's roster.
 */
@Entity('session_venues')
export class SessionVenue {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) sessionId: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'varchar', length: 200, nullable: true }) location: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) unitId: string | null;
  @Column({ type: 'varchar', length: 36 }) coordinatorId: string;
}

export const ENROLMENT_STATES = ['enrolled', 'waitlisted', 'cancelled'] as const;
export type EnrolmentState = (typeof ENROLMENT_STATES)[number];
export const ATTENDANCE_LABELS = {
  present: '出席',
  late: '迟到',
  left_early: '早退',
  absent: '缺席',
  excused: '请假',
};
export type AttendanceStatus = keyof typeof ATTENDANCE_LABELS;
/** The statuses in the order written above (the roster's and the report's columns). */
export const ATTENDANCE_STATUSES = Object.keys(ATTENDANCE_LABELS) as readonly AttendanceStatus[];
export const ENROLMENT_STATE_LABELS: Record<EnrolmentState, string> = {
  enrolled: '已报名',
  waitlisted: '候补',
  cancelled: '已取消',
};

/** One officer on one session: enrolment state, then attendance. */
@Entity('session_enrolments')
export class SessionEnrolment {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) sessionId: string;
  @Column({ type: 'varchar', length: 36 }) userId: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) venueId: string | null;
  @Column({ type: 'varchar', length: 20 }) state: EnrolmentState;
  @TimestampColumn() enrolledAt: Date;
  @Column({ type: 'varchar', length: 20, nullable: true }) attendance: AttendanceStatus | null;
  @TimestampColumn({ nullable: true }) checkedInAt: Date | null;
  /** The 30 s slot of the code used to check in: the same code again is a replay. */
  @Column({ type: 'integer', nullable: true }) checkInSlot: number | null;
  @TimestampColumn({ nullable: true }) checkedOutAt: Date | null;
  @Column({ type: 'integer', nullable: true }) presenceMinutes: number | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) remark: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) markedById: string | null;
  @TimestampColumn({ nullable: true }) markedAt: Date | null;
  @TimestampColumn({ nullable: true }) finalisedAt: Date | null;
}

export type ExcuseState = 'pending' | 'approved' | 'refused';
export const EXCUSE_STATE_LABELS: Record<ExcuseState, string> = {
  pending: '待审批',
  approved: '已批准',
  refused: '未批准',
};

/** 请假: asked by the officer before the start, decided by the trainer. */
@Entity('session_excuses')
export class SessionExcuse {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) sessionId: string;
  @Column({ type: 'varchar', length: 36 }) userId: string;
  @Column({ type: 'varchar', length: 500 }) reason: string;
  @Column({ type: 'varchar', length: 20 }) state: ExcuseState;
  @TimestampColumn() requestedAt: Date;
  @Column({ type: 'varchar', length: 36, nullable: true }) decidedById: string | null;
  @TimestampColumn({ nullable: true }) decidedAt: Date | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) decisionNote: string | null;
}

/** The secret of an officer's calendar feed, kept as a SHA-256 hash; deleting the row revokes it. */
@Entity('calendar_tokens')
export class CalendarToken {
  @PrimaryColumn({ type: 'varchar', length: 36 }) userId: string;
  @Column({ type: 'varchar', length: 64 }) tokenHash: string;
  @TimestampColumn() createdAt: Date;
}
