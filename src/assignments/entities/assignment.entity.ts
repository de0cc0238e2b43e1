import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../database/column-types';

/** A course to be completed by a due date. Who it is for lives in assignment_targets. */
@Entity('assignments')
export class Assignment {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 64 }) courseId: string;
  @TimestampColumn() dueAt: Date;
  @Column({ type: 'varchar', length: 36 }) createdById: string;
  @TimestampColumn() createdAt: Date;
  @Column({ type: 'varchar', length: 500, nullable: true }) note: string | null;
  /** Cancelled assignments are kept for history and are due for no one. */
  @TimestampColumn({ nullable: true }) cancelledAt: Date | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) cancelledById: string | null;
}
