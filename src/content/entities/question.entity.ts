import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../database/column-types';
import type { Dimension } from '../dimensions';

export type QuestionType = 'single' | 'multiple' | 'truefalse';

/**
 * The stable identity of a question (its id in the YAML bank) and a pointer to its current version.
 * Type, dimension and difficulty are copied from the current version so quiz draws filter on one table.
 */
@Entity('questions')
@Index('idx_questions_course', ['courseId', 'retiredAt'])
@Index('idx_questions_dimension', ['dimension'])
export class Question {
  @PrimaryColumn({ type: 'varchar', length: 64 }) id: string;
  @Column({ type: 'varchar', length: 64 }) courseId: string;
  @Column({ type: 'varchar', length: 36 }) currentVersionId: string;
  @Column({ type: 'integer' }) currentVersion: number;
  @Column({ type: 'varchar', length: 12 }) type: QuestionType;
  @Column({ type: 'varchar', length: 20 }) dimension: Dimension;
  @Column({ type: 'integer' }) difficulty: number;
  /** Near-duplicates share a family; a quiz paper draws at most one question of a family. */
  @Column({ type: 'varchar', length: 64, nullable: true }) family: string | null;
  @TimestampColumn({ nullable: true }) retiredAt: Date | null;
}
