import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../database/column-types';
import type { Problem } from '../model/problem';

/** ok: imported (or unchanged); kept_previous: the tree had problems, the old content is served; failed: an unexpected error. */
export type ContentImportOutcome = 'ok' | 'kept_previous' | 'failed';

/** The last content import at start, for the admin page and the admin health details. One row, id 'last'. */
@Entity('content_import_status')
export class ContentImportStatus {
  @PrimaryColumn({ type: 'varchar', length: 20 }) id: string;
  @Column({ type: 'varchar', length: 20 }) outcome: ContentImportOutcome;
  @Column({ type: 'varchar', length: 500 }) contentDir: string;
  @Column({ type: 'integer', default: 0 }) problemCount: number;
  @Column({ type: 'simple-json' }) problems: Problem[];
  @Column({ type: 'varchar', length: 500, nullable: true }) summary: string | null;
  @TimestampColumn() finishedAt: Date;
}
