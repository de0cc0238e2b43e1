import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { QuestionType } from '../../content/entities/question.entity';
import { TimestampColumn } from '../../database/column-types';

/** One drawn question: the question, the exact version drawn, and the option order this officer sees. */
export interface PaperItem {
  q: string;
  v: string;
  t: QuestionType;
  o: string[];
}
/** Chosen option ids per question id. */
export type SavedAnswers = Record<string, string[]>;
/** Credit (0..1) per question, in paper order. */
export interface ItemResult {
  q: string;
  credit: number;
}

@Entity('quiz_attempts')
@Index('uq_quiz_attempts_open', ['userId', 'quizId', 'openSlot'], { unique: true })
@Index('uq_quiz_attempts_number', ['userId', 'quizId', 'number'], { unique: true })
@Index('idx_quiz_attempts_quiz', ['quizId', 'state'])
export class QuizAttempt {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 64 }) quizId: string;
  @Column({ type: 'varchar', length: 36 }) userId: string;
  @Column({ type: 'integer' }) number: number;
  @Column({ type: 'varchar', length: 10 }) state: 'open' | 'finished';
  /** 1 while open, NULL once finished (see the migration: one open attempt per officer and quiz). */
  @Column({ type: 'integer', nullable: true }) openSlot: number | null;
  @TimestampColumn() startedAt: Date;
  @TimestampColumn() deadlineAt: Date;
  @TimestampColumn({ nullable: true }) finishedAt: Date | null;
  @Column({ type: 'varchar', length: 10, nullable: true }) closedBy: 'submit' | 'deadline' | null;
  @Column({ type: 'simple-json' }) paper: PaperItem[];
  @Column({ type: 'simple-json' }) answers: SavedAnswers;
  @TimestampColumn({ nullable: true }) savedAt: Date | null;
  @Column({ type: 'real', nullable: true }) score: number | null;
  @Column({ type: 'boolean', nullable: true }) passed: boolean | null;
  @Column({ type: 'simple-json', nullable: true }) results: ItemResult[] | null;
}
