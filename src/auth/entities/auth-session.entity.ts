import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, isPostgresEnv, TimestampColumn } from '../../database/column-types';

/** A bearer token (kind `api`) or a page session cookie (kind `web`). Only a hash of the secret is stored. */
@Entity('auth_sessions')
export class AuthSession {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Index('uq_auth_sessions_token', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;
  @Index('idx_auth_sessions_user') @Column({ type: 'varchar', length: 36 }) userId: string;
  @Column({ type: 'varchar', length: 10 }) kind: 'api' | 'web';
  @Column({ type: 'varchar', length: 64 }) csrfToken: string;
  @Column({ type: 'varchar', length: 64, nullable: true }) ip: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) userAgent: string | null;
  @CreatedAtColumn() createdAt: Date;
  @TimestampColumn() expiresAt: Date;
  /** Last use, written at most once a minute: the idle timeout (SESSION_IDLE_MINUTES) counts from it. */
  @TimestampColumn({ default: () => (isPostgresEnv() ? 'now()' : "datetime('now')") }) lastSeenAt: Date;
  @TimestampColumn({ nullable: true }) revokedAt: Date | null;
}
