import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '../../users/entities/user.entity';

export type TargetKind = 'unit' | 'role' | 'user';

/**
 * One rule saying who an assignment is for. Membership is evaluated by SQL on every read
 * (assignment-members.sql.ts), so an officer who later joins a targeted unit is included.
 * - unit: users of `unitId` (and below it when `includeSubtree`), only those with `role` when set
 * - role: every user with `role`, bureau-wide
 * - user: `userId`
 */
@Entity('assignment_targets')
export class AssignmentTarget {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) assignmentId: string;
  @Column({ type: 'varchar', length: 10 }) kind: TargetKind;
  @Column({ type: 'varchar', length: 36, nullable: true }) unitId: string | null;
  @Column({ type: 'boolean', default: true }) includeSubtree: boolean;
  @Column({ type: 'varchar', length: 20, nullable: true }) role: Role | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) userId: string | null;
}
