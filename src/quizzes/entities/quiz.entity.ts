import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn, UpdatedAtColumn } from '../../database/column-types';
import type { Audience, QuizRules } from '../../content/quiz/quiz-definition';

/** A course's final quiz (id = course id) or a standalone exam (id = exam file name), imported from content/. */
@Entity('quizzes')
@Index('idx_quizzes_course', ['courseId'])
export class Quiz {
  @PrimaryColumn({ type: 'varchar', length: 64 }) id: string;
  @Column({ type: 'varchar', length: 10 }) kind: 'course' | 'exam';
  @Column({ type: 'varchar', length: 64, nullable: true }) courseId: string | null;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'text' }) summary: string;
  @Column({ type: 'simple-json' }) rules: QuizRules;
  @Column({ type: 'simple-json', nullable: true }) audience: Audience | null;
  @TimestampColumn({ nullable: true }) opensAt: Date | null;
  @TimestampColumn({ nullable: true }) closesAt: Date | null;
  @TimestampColumn({ nullable: true }) retiredAt: Date | null;
  @UpdatedAtColumn() updatedAt: Date;
}
