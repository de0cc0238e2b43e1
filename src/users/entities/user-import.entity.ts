import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn } from '../../database/column-types';

export const USER_IMPORT_STATES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type UserImportState = (typeof USER_IMPORT_STATES)[number];

/**
 * A CSV user import run as a queued job: progress and result, kept so the result page survives a
 * restart. Holds counts only, never the rows or their passwords.
 */
@Entity('user_imports')
export class UserImport {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) actorId: string | null;
  @Column({ type: 'varchar', length: 64 }) actorUsername: string;
  @Index('idx_user_imports_state') @Column({ type: 'varchar', length: 20 }) state: UserImportState;
  @Column({ type: 'integer' }) total: number;
  /** Rows whose password has been hashed so far. */
  @Column({ type: 'integer', default: 0 }) processed: number;
  /** Users written: 0 until the one transaction at the end, then `total`. */
  @Column({ type: 'integer', default: 0 }) created: number;
  @Column({ type: 'varchar', length: 60, nullable: true }) failureCode: string | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) failureMessage: string | null;
  @CreatedAtColumn() createdAt: Date;
  @TimestampColumn({ nullable: true }) finishedAt: Date | null;
}
