import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../../database/column-types';
import type { Dimension } from '../dimensions';
import type { QuestionType } from './question.entity';

export interface QuestionOption {
  id: string; // 'A'..'F'; for truefalse 'true' | 'false'
  text: string;
}

/**
 * An immutable snapshot of a question. A changed question gets a new row with version + 1; attempts
 * reference the version they were graded on, so editing content never re-grades history.
 */
@Entity('question_versions')
@Index('uq_question_versions', ['questionId', 'version'], { unique: true })
export class QuestionVersion {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 64 }) questionId: string;
  @Column({ type: 'integer' }) version: number;
  @Column({ type: 'varchar', length: 64 }) contentHash: string;
  @Column({ type: 'varchar', length: 12 }) type: QuestionType;
  @Column({ type: 'text' }) stem: string;
  @Column({ type: 'simple-json' }) options: QuestionOption[];
  @Column({ type: 'simple-json' }) answer: string[];
  @Column({ type: 'text' }) explanation: string;
  @Column({ type: 'simple-json' }) articles: number[];
  @Column({ type: 'varchar', length: 20 }) dimension: Dimension;
  @Column({ type: 'integer' }) difficulty: number;
  @Column({ type: 'varchar', length: 64, nullable: true }) family: string | null;
  @CreatedAtColumn() createdAt: Date;
}
