import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn, UpdatedAtColumn } from '../../database/column-types';
import type { Dimension } from '../dimensions';

/** A lesson; updated in place when its file changes (progress is kept by lesson id). */
@Entity('lessons')
@Index('idx_lessons_course', ['courseId', 'sortOrder'])
export class Lesson {
  @PrimaryColumn({ type: 'varchar', length: 64 }) id: string;
  @Column({ type: 'varchar', length: 64 }) courseId: string;
  @Column({ type: 'integer' }) sortOrder: number;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'simple-json' }) articles: number[];
  @Column({ type: 'varchar', length: 20 }) dimension: Dimension;
  @Column({ type: 'text' }) bodyMarkdown: string;
  @Column({ type: 'text' }) bodyHtml: string;
  @Column({ type: 'varchar', length: 64 }) contentHash: string;
  @TimestampColumn({ nullable: true }) retiredAt: Date | null;
  @UpdatedAtColumn() updatedAt: Date;
}
