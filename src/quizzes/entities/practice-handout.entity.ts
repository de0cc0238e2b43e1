import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../database/column-types';

/**
 * A question practice drew for one officer, with the version drawn. Practice reveals a key only for
 * a question it handed out, so the answer route cannot be used to read the key of any other
 * question (an exam's, for instance). One row per officer and question; a new draw refreshes it.
 */
@Entity('practice_handouts')
export class PracticeHandout {
  @PrimaryColumn({ type: 'varchar', length: 36 }) userId: string;
  @PrimaryColumn({ type: 'varchar', length: 64 }) questionId: string;
  @Column({ type: 'varchar', length: 36 }) versionId: string;
  @TimestampColumn() handedOutAt: Date;
}
