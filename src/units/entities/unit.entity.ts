import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn } from '../../database/column-types';

export const UNIT_KINDS = ['bureau', 'office', 'department', 'street', 'community'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  bureau: '局',
  office: '科室',
  department: '区属部门',
  street: '街道',
  community: '社区',
};

/**
 * A node of the organisation tree. `path` is the materialised path of ids (`/rootId/childId/`), so a
 * subtree is one indexed `path LIKE '/…/id/%'` query and ancestors are read off the path itself.
 */
@Entity('units')
export class Unit {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 100 }) name: string;
  @Column({ type: 'varchar', length: 20 }) kind: UnitKind;
  @Column({ type: 'varchar', length: 36, nullable: true }) parentId: string | null;
  @Index('idx_units_path') @Column({ type: 'varchar', length: 1000 }) path: string;
  @CreatedAtColumn() createdAt: Date;
  /** Set when the unit is retired (never deleted); null while in use. */
  @TimestampColumn({ nullable: true }) retiredAt: Date | null;
}

export function ancestorIdsFromPath(path: string): string[] {
  return path.split('/').filter(Boolean);
}
