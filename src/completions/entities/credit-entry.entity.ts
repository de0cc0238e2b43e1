import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../database/column-types';

export const CREDIT_SOURCES = ['course', 'session'] as const;
export type CreditSource = (typeof CREDIT_SOURCES)[number];

/**
 * The 学时 ledger: one row per thing that earned hours. For courses `sourceId` is the completion id
 * (a recertification earns hours again); for sessions it will be the session id. Unique per source.
 */
@Entity('credit_entries')
export class CreditEntry {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) userId: string;
  @Column({ type: 'varchar', length: 10 }) sourceType: CreditSource;
  @Column({ type: 'varchar', length: 64 }) sourceId: string;
  @Column({ type: 'real' }) hours: number;
  @TimestampColumn() earnedAt: Date;
}
