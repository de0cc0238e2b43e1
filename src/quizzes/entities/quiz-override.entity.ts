import { Column, Entity, PrimaryColumn } from 'typeorm';
import { UpdatedAtColumn } from '../../database/column-types';

/** A trainer's per-officer allowance on one quiz: extra minutes per attempt, extra attempts. */
@Entity('quiz_overrides')
export class QuizOverride {
  @PrimaryColumn({ type: 'varchar', length: 64 }) quizId: string;
  @PrimaryColumn({ type: 'varchar', length: 36 }) userId: string;
  @Column({ type: 'integer', default: 0 }) extraMinutes: number;
  @Column({ type: 'integer', default: 0 }) extraAttempts: number;
  @Column({ type: 'varchar', length: 36, nullable: true }) updatedById: string | null;
  @UpdatedAtColumn() updatedAt: Date;
}
