import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../database/column-types';

/** Issued with each course completion; `code` is what /verify/<code> checks. */
@Entity('certificates')
export class Certificate {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 16 }) code: string;
  @Column({ type: 'varchar', length: 36 }) userId: string;
  @Column({ type: 'varchar', length: 64 }) courseId: string;
  @Column({ type: 'varchar', length: 36 }) completionId: string;
  @TimestampColumn() issuedAt: Date;
  @TimestampColumn({ nullable: true }) expiresAt: Date | null;
}
