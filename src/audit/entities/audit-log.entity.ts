import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../../database/column-types';

/** Who did what to which record, when, from where, with the record before and after. */
@Entity('audit_logs')
@Index('idx_audit_logs_created', ['createdAt'])
@Index('idx_audit_logs_entity', ['entityType', 'entityId'])
export class AuditLog {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) actorId: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) actorUsername: string | null;
  @Column({ type: 'varchar', length: 64 }) action: string;
  @Column({ type: 'varchar', length: 40 }) entityType: string;
  @Column({ type: 'varchar', length: 64, nullable: true }) entityId: string | null;
  @Column({ type: 'simple-json', nullable: true }) before: unknown;
  @Column({ type: 'simple-json', nullable: true }) after: unknown;
  @Column({ type: 'varchar', length: 64, nullable: true }) ip: string | null;
  @CreatedAtColumn() createdAt: Date;
}
