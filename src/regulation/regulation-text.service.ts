import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Repository } from 'typeorm';
import type { AuditActor } from '../audit/audit.service';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/app-config';
import { TransactionRunner } from '../database/transaction-runner';
import { normaliseForSearch, type NormalisedText } from '../common/search/normalised-search';
import { RegulationTextRow, type RegulationTextSource } from './entities/regulation-text.entity';
import { checkRegulationText } from './regulation-text.check';
import { RegulationErrors, RegulationTextInvalidError } from './regulation.errors';
import {
  parseRegulationText,
  type RegulationText,
  type RegulationTextArticle,
} from './regulation-text.parser';

export interface RegulationTextStatus {
  loaded: boolean;
  articleCount: number;
  source: RegulationTextSource | null;
  fileName: string | null;
  loadedByUsername: string | null;
  loadedAt: Date | null;
}

// Kept importable from here: the upload page catches it by class.
export { RegulationTextInvalidError };

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The full official text of the 条例, stored in the database (table regulation_texts, newest row
 * current) and kept parsed in memory. Admins load it from /admin/regulation-text;
 * REGULATION_TEXT_PATH seeds it when the database has none. Without it the pages show summaries.
 * One app process per deployment: an upload refreshes this process's copy.
 */
@Injectable()
export class RegulationTextService implements OnApplicationBootstrap {
  private readonly logger = new Logger('RegulationText');
  private text: RegulationText | null = null;
  /** Each article's plainText normalised for search, once per load rather than per query. */
  private searchable = new Map<number, NormalisedText>();
  private current: RegulationTextStatus = emptyStatus();

  constructor(
    @InjectRepository(RegulationTextRow) private readonly rows: Repository<RegulationTextRow>,
    private readonly config: AppConfig,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
    if (!this.current.loaded) await this.seedFromFile(this.config.get('REGULATION_TEXT_PATH'));
  }

  /** Re-reads the current text from the database. */
  async refresh(): Promise<void> {
    const [row] = await this.rows.find({ order: { id: 'DESC' }, take: 1 });
    this.text = row ? parseRegulationText(row.markdown) : null;
    this.searchable = new Map(
      [...(this.text?.articles.values() ?? [])].map((a) => [
        a.number,
        normaliseForSearch(a.paragraphs.join('\n')),
      ]),
    );
    this.current = row
      ? {
          loaded: true,
          articleCount: row.articleCount,
          source: row.source,
          fileName: row.fileName,
          loadedByUsername: row.loadedByUsername,
          loadedAt: row.createdAt,
        }
      : emptyStatus();
  }

  /**
   * Checks and stores a text (audit-logged in the same transaction). Throws
   * RegulationTextInvalidError listing every problem; nothing is stored then.
   */
  async store(
    actor: AuditActor,
    markdown: string,
    source: RegulationTextSource,
    fileName: string | null,
  ): Promise<{ changed: boolean; status: RegulationTextStatus }> {
    const { text, problems } = checkRegulationText(markdown);
    if (problems.length > 0) throw RegulationErrors.textInvalid(problems);
    const hash = sha256(markdown);
    const [latest] = await this.rows.find({
      order: { id: 'DESC' },
      take: 1,
      select: { id: true, sha256: true },
    });
    if (latest?.sha256 === hash) return { changed: false, status: this.status() };
    await this.tx.run(async (em) => {
      const saved = await em.save(
        em.create(RegulationTextRow, {
          markdown,
          articleCount: text.articles.size,
          sha256: hash,
          source,
          fileName: fileName?.slice(0, 200) || null,
          loadedById: actor.id,
          loadedByUsername: actor.username,
        }),
      );
      // A person's load is audit-logged; the start-up seed from REGULATION_TEXT_PATH is logged by
      // the app and recorded in regulation_texts itself (source 'file').
      if (actor.id === null) return;
      await this.audit.recordIn(em, actor, {
        action: 'regulation.text.load',
        entityType: 'regulation_text',
        entityId: String(saved.id),
        before: latest ? { id: latest.id, sha256: latest.sha256 } : null,
        after: { articleCount: text.articles.size, sha256: hash, source, fileName },
      });
    });
    await this.refresh();
    return { changed: true, status: this.status() };
  }

  /** REGULATION_TEXT_PATH, when set and the database has no text yet. Problems are logged, never fatal. */
  private async seedFromFile(path: string | undefined): Promise<void> {
    if (!path) return;
    const file = resolve(path);
    if (!existsSync(file)) {
      this.logger.warn(
        `REGULATION_TEXT_PATH ${file} does not exist; the regulation pages show summaries until an admin loads the text`,
      );
      return;
    }
    try {
      await this.store({ id: null, username: null }, readFileSync(file, 'utf8'), 'file', file);
      this.logger.log(`Full regulation text loaded from REGULATION_TEXT_PATH ${file}`);
    } catch (error) {
      const detail =
        error instanceof RegulationTextInvalidError
          ? error.problems.map((p) => p.message).join(' ')
          : error instanceof Error
            ? error.message
            : String(error);
      this.logger.warn(`REGULATION_TEXT_PATH ${file} was not loaded: ${detail}`);
    }
  }

  status(): RegulationTextStatus {
    return { ...this.current };
  }

  get available(): boolean {
    return this.text !== null;
  }

  article(n: number): RegulationTextArticle | undefined {
    return this.text?.articles.get(n);
  }

  /** The article's whole text on one line per paragraph, for search; '' when not available. */
  plainText(n: number): string {
    return this.article(n)?.paragraphs.join('\n') ?? '';
  }

  /** plainText(n) normalised for search (normalised-search.ts), kept from the load. */
  searchText(n: number): NormalisedText | undefined {
    return this.searchable.get(n);
  }
}

function emptyStatus(): RegulationTextStatus {
  return {
    loaded: false,
    articleCount: 0,
    source: null,
    fileName: null,
    loadedByUsername: null,
    loadedAt: null,
  };
}
