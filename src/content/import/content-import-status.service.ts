import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { TransactionRunner } from '../../database/transaction-runner';
import { ContentImportOutcome, ContentImportStatus } from '../entities/content-import-status.entity';
import type { Problem } from '../model/problem';

const LAST = 'last';
/** Enough to fix a broken tree from the admin page; the count says how many there were in all. */
const MAX_STORED_PROBLEMS = 200;

export interface ContentImportReport {
  outcome: ContentImportOutcome;
  contentDir: string;
  problems: Problem[];
  summary?: string;
}

/** Keeps the outcome of the last content import, so problems are not only in the log. */
@Injectable()
export class ContentImportStatusService {
  constructor(
    @InjectRepository(ContentImportStatus) private readonly statuses: Repository<ContentImportStatus>,
    private readonly tx: TransactionRunner,
  ) {}

  async record(report: ContentImportReport, at = new Date()): Promise<void> {
    const row = {
      outcome: report.outcome,
      contentDir: report.contentDir.slice(0, 500),
      problemCount: report.problems.length,
      problems: report.problems.slice(0, MAX_STORED_PROBLEMS),
      summary: report.summary?.slice(0, 500) ?? null,
      finishedAt: at,
    };
    await this.tx.run(async (em) => {
      if (await em.existsBy(ContentImportStatus, { id: LAST })) await em.update(ContentImportStatus, { id: LAST }, row);
      else await em.insert(ContentImportStatus, { id: LAST, ...row });
    });
  }

  /** Null before the first import at start (or when CONTENT_IMPORT_ON_START is off). */
  last(): Promise<ContentImportStatus | null> {
    return this.statuses.findOneBy({ id: LAST });
  }
}
