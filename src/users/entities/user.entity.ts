import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, UpdatedAtColumn } from '../../database/column-types';

export const ROLES = ['officer', 'trainer', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  officer: '信访干部',
  trainer: '培训管理员',
  manager: '负责人',
  admin: '系统管理员',
};

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Index('uq_users_username', { unique: true }) @Column({ type: 'varchar', length: 64 }) username: string;
  @Column({ type: 'varchar', length: 100 }) name: string;
  @Column({ type: 'varchar', length: 255, select: false }) passwordHash: string;
  @Column({ type: 'varchar', length: 20 }) role: Role;
  @Index('idx_users_unit') @Column({ type: 'varchar', length: 36 }) unitId: string;
  @Column({ type: 'boolean', default: false }) disabled: boolean;
  @TimestampColumn({ nullable: true }) lastLoginAt: Date | null;
  /** Set when someone else chose the password (admin, CSV import); cleared when the user changes it. */
  @Column({ type: 'boolean', default: false }) mustChangePassword: boolean;
  @CreatedAtColumn() createdAt: Date;
  @UpdatedAtColumn() updatedAt: Date;
}
