import { Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../database/column-types';

/**
 * A lesson an officer marked as read. `completedAt` is refreshed when the officer reads it again
 * after a course completion expired, so only reads of the current cycle count (see progress-sql.ts).
 */
@Entity('lesson_progress')
export class LessonProgress {
  @PrimaryColumn({ type: 'varchar', length: 36 }) userId: string;
  @PrimaryColumn({ type: 'varchar', length: 64 }) lessonId: string;
  @TimestampColumn() completedAt: Date;
}
