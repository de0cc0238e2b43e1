import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../../database/column-types';

export type RegulationTextSource = 'upload' | 'file';

/** One loaded version of the full 条例 text; the row with the highest id is the one shown. */
@Entity('regulation_texts')
export class RegulationTextRow {
  @PrimaryGeneratedColumn('increment') id: number;
  @Column({ type: 'text' }) markdown: string;
  @Column({ type: 'integer' }) articleCount: number;
  @Column({ type: 'varchar', length: 64 }) sha256: string;
  @Column({ type: 'varchar', length: 20 }) source: RegulationTextSource;
  @Column({ type: 'varchar', length: 200, nullable: true }) fileName: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) loadedById: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) loadedByUsername: string | null;
  @CreatedAtColumn() createdAt: Date;
}
