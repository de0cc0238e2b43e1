import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { resolve } from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { TransactionRunner } from '../../database/transaction-runner';
import { ContentImport } from '../entities/content-import.entity';
import { loadContent } from '../loader/load-content';
import type { ContentTree } from '../model/content-model';
import { ContentInvalidError } from '../model/problem';
import { planImport } from './import-plan';
import { emptyCounts, type ImportCounts, type ImportSummary } from './import-summary';
import { readExisting, writePlan } from './import-writer';
import { syncQuizzes } from './quiz-sync';

const CURRENT = 'current';

export interface ImportOptions {
  /** Called with one line per course while the import is planned (the CLI prints them). */
  onProgress?: (line: string) => void;
}

/**
 * Loads content/ into the database. Idempotent: unchanged items are not written at all, a changed
 * question gets a new version row, removed items are retired. Invalid content is refused
 * (ContentInvalidError with the problems) and the database keeps what it had.
 */
@Injectable()
export class ContentImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  async importFrom(dir: string, options: ImportOptions = {}): Promise<ImportSummary> {
    const { tree, problems } = loadContent(resolve(dir));
    if (problems.length > 0) throw new ContentInvalidError(problems);
    return this.tx.run(async (em) => {
      const last = await em.findOneBy(ContentImport, { id: CURRENT });
      if (last?.treeHash === tree.treeHash)
        {return { ...skippedCounts(tree), skipped: true, treeHash: tree.treeHash };}
      const plan = planImport(tree, await readExisting(em));
      plan.progress.forEach((line) => options.onProgress?.(line));
      await writePlan(em, plan, new Date());
      await syncQuizzes(em, tree, new Date());
      await this.recordImport(em, last, tree.treeHash, plan.counts);
      return { ...plan.counts, skipped: false, treeHash: tree.treeHash };
    });
  }

  /** The tree hash of the last successful import, or null before the first one. */
  async lastTreeHash(): Promise<string | null> {
    const row = await this.dataSource.getRepository(ContentImport).findOneBy({ id: CURRENT });
    return row?.treeHash ?? null;
  }

  private async recordImport(
    em: EntityManager,
    last: ContentImport | null,
    treeHash: string,
    counts: ImportCounts,
  ): Promise<void> {
    if (last) await em.update(ContentImport, { id: CURRENT }, { treeHash, summary: { ...counts } });
    else await em.insert(ContentImport, { id: CURRENT, treeHash, summary: { ...counts } });
    const changed = Object.entries(counts).some(([key, n]) => key !== 'unchanged' && n > 0);
    if (changed) {
      await this.audit.recordIn(
        em,
        { id: null, username: 'content-import' },
        {
          action: 'content.import',
          entityType: 'content',
          entityId: treeHash,
          after: counts,
        },
      );
    }
  }
}

function skippedCounts(tree: ContentTree): ImportCounts {
  const items = tree.courses.reduce((n, c) => n + 1 + c.lessons.length + c.questions.length, 0);
  return { ...emptyCounts(), unchanged: items };
}
