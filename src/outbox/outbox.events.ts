/** Event types written to the outbox, and their payloads (ids and instants only, ISO 8601). */
export const COURSE_COMPLETED = 'course.completed';

export interface CourseCompletedPayload {
  userId: string;
  courseId: string;
  completionId: string;
  completedAt: string;
}

export interface OutboxPayloads {
  [COURSE_COMPLETED]: CourseCompletedPayload;
}
export type OutboxEventType = keyof OutboxPayloads;
