import { Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Which article each current lesson or question cites: one row per (kind, item, article), so the
 * regulation page and per-article reports are indexed joins instead of JSON scans.
 */
@Entity('content_citations')
@Index('idx_content_citations_article', ['articleNo'])
export class ContentCitation {
  @PrimaryColumn({ type: 'varchar', length: 10 }) kind: 'lesson' | 'question';
  @PrimaryColumn({ type: 'varchar', length: 64 }) itemId: string;
  @PrimaryColumn({ type: 'integer' }) articleNo: number;
}
