/** Event types written to the outbox, and their payloads (ids and instants only, ISO 8601). */
export const COURSE_COMPLETED = 'course.completed';

export interface CourseCompletedPayload {
  userId: string;
  courseId: string;
  completionId: string;
  completedAt: string;
}

export const ATTEMPT_FINISHED = 'attempt.finished';

/** A quiz attempt was graded: per question the credit (0..1), its articles and dimension. */
export interface AttemptFinishedPayload {
  userId: string;
  quizId: string;
  courseId: string | null;
  attemptId: string;
  score: number;
  passed: boolean;
  finishedAt: string;
  items: Array<{ questionId: string; versionId: string; credit: number; articles: number[]; dimension: string }>;
}

export const ATTENDANCE_RECORDED = 'attendance.recorded';

/** A final attendance record of a session (at closing, or a correction after it). */
export interface AttendanceRecordedPayload {
  sessionId: string;
  userId: string;
  status: string;
  creditHours: number;
  presenceMinutes: number | null;
  recordedAt: string;
}

export interface OutboxPayloads {
  [COURSE_COMPLETED]: CourseCompletedPayload;
  [ATTEMPT_FINISHED]: AttemptFinishedPayload;
  [ATTENDANCE_RECORDED]: AttendanceRecordedPayload;
}
export type OutboxEventType = keyof OutboxPayloads;
