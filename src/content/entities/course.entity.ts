import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn, UpdatedAtColumn } from '../../database/column-types';
import type { Role } from '../../users/entities/user.entity';

/** The `quiz:` block of course.yaml as written; the `quizzes` table holds it with defaults filled in. */
export interface QuizSettings {
  questionCount: number;
  timeLimitMinutes: number;
  attemptsAllowed: number;
  draw?: Array<Record<string, string | number | string[] | number[]>>;
  grading?: string;
  shuffleQuestions?: boolean;
  shuffleOptions?: boolean;
  partialCredit?: boolean;
  review?: { when?: string; show?: string };
}

/** A course imported from `content/courses/<id>/course.yaml`; the id is the folder name. */
@Entity('courses')
export class Course {
  @PrimaryColumn({ type: 'varchar', length: 64 }) id: string;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'text' }) summary: string;
  @Column({ type: 'real' }) creditHours: number;
  @Column({ type: 'integer' }) validityMonths: number;
  @Column({ type: 'integer' }) passMark: number;
  @Column({ type: 'simple-json' }) requiredRoles: Role[];
  @Column({ type: 'integer' }) sortOrder: number;
  @Column({ type: 'simple-json', nullable: true }) quiz: QuizSettings | null;
  @Column({ type: 'varchar', length: 64 }) contentHash: string;
  @TimestampColumn({ nullable: true }) retiredAt: Date | null;
  @UpdatedAtColumn() updatedAt: Date;
}
