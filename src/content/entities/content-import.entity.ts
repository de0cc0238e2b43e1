import { Column, Entity, PrimaryColumn } from 'typeorm';
import { UpdatedAtColumn } from '../../database/column-types';

/** Hash of the whole content tree at the last import, so an unchanged tree is skipped at start. */
@Entity('content_imports')
export class ContentImport {
  @PrimaryColumn({ type: 'varchar', length: 20 }) id: string; // always 'current'
  @Column({ type: 'varchar', length: 64 }) treeHash: string;
  @Column({ type: 'simple-json' }) summary: Record<string, number>;
  @UpdatedAtColumn() updatedAt: Date;
}
