/** Event types written to the outbox, and their payloads (ids and instants only, ISO 8601). */
export const COURSE_COMPLETED = 'course.completed';

export interface CourseCompletedPayload {
  userId: string;
  courseId: string;
  completionId: string;
  completedAt: string;
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
  items: Array<{
    questionId: string;
    versionId: string;
    credit: number;
    articles: number[];
    dimension: string;
  }>;
}

export const ASSIGNMENT_CHANGED = 'assignment.changed';

/** An assignment reaching this officer was created, extended or cancelled: their required courses changed. */
export interface AssignmentChangedPayload {
  userId: string;
  assignmentId: string;
  change: 'created' | 'extended' | 'cancelled';
}

export interface OutboxPayloads {
  [COURSE_COMPLETED]: CourseCompletedPayload;
  [ATTENDANCE_RECORDED]: AttendanceRecordedPayload;
  [ATTEMPT_FINISHED]: AttemptFinishedPayload;
  [ASSIGNMENT_CHANGED]: AssignmentChangedPayload;
}
export type OutboxEventType = keyof OutboxPayloads;
