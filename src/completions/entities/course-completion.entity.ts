import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../database/column-types';

/** One completion of a course; valid while `expiresAt` is null or in the future. History is kept. */
@Entity('course_completions')
export class CourseCompletion {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) userId: string;
  @Column({ type: 'varchar', length: 64 }) courseId: string;
  @TimestampColumn() completedAt: Date;
  @TimestampColumn({ nullable: true }) expiresAt: Date | null;
  @Column({ type: 'real' }) creditHours: number;
}
