import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../../database/column-types';

/**
 * One stretch of a user's active membership of a unit, with the role held then (issue 18: figures
 * true to their period). `validTo` NULL is the current row. A disabled user has no open row; any
 * change of unit, role or activation closes the open row and, unless disabled, opens a new one, in
 * the same transaction as the change (recordMembership).
 */
@Entity('unit_memberships')
@Index('idx_unit_memberships_user', ['userId', 'validFrom'])
@Index('idx_unit_memberships_unit', ['unitId', 'validFrom'])
export class UnitMembership {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 36 }) userId: string;
  @Column({ type: 'varchar', length: 36 }) unitId: string;
  @Column({ type: 'varchar', length: 20 }) role: string;
  @TimestampColumn() validFrom: Date;
  @TimestampColumn({ nullable: true }) validTo: Date | null;
}
