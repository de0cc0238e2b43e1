import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../database/column-types';

/**
 * One officer's practice record of one question. A wrong answer puts it in the 错题本
 * (`inMistakeBook`); it leaves after two right answers in a row (`streak`).
 */
@Entity('practice_items')
@Index('idx_practice_items_book', ['userId', 'inMistakeBook'])
export class PracticeItem {
  @PrimaryColumn({ type: 'varchar', length: 36 }) userId: string;
  @PrimaryColumn({ type: 'varchar', length: 64 }) questionId: string;
  @Column({ type: 'integer', default: 0 }) wrongCount: number;
  @Column({ type: 'integer', default: 0 }) rightCount: number;
  @Column({ type: 'integer', default: 0 }) streak: number;
  @Column({ type: 'boolean', default: false }) inMistakeBook: boolean;
  @TimestampColumn() lastAnsweredAt: Date;
}
