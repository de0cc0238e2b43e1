import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { bureauYear, bureauYearRange } from '../common/time/bureau-time';
import { CreditSource } from './entities/credit-entry.entity';
import { rawRows, toDate, toNumber } from '../database/sql/raw-sql';

export interface CreditEntryView {
  id: string;
  sourceType: CreditSource;
  sourceId: string;
  /** The course title for course credits; null for sources this feature does not know. */
  title: string | null;
  hours: number;
  earnedAt: Date;
}

export interface YearlyCredits {
  year: number;
  totalHours: number;
  entries: CreditEntryView[];
}

const roundHours = (h: number) => Math.round(h * 100) / 100;

/** The 学时 ledger, read per officer and calendar year (Asia/Shanghai). */
@Injectable()
export class CreditsService {
  constructor(@InjectEntityManager() private readonly em: EntityManager) {}

  currentYear(): number {
    return bureauYear(new Date());
  }

  /** Served by idx_credit_entries_user_earned. */
  async yearly(userId: string, year: number): Promise<YearlyCredits> {
    const { from, to } = bureauYearRange(year);
    const rows = await rawRows<Record<string, unknown>>(
      this.em,
      `SELECT ce."id", ce."sourceType", ce."sourceId", ce."hours", ce."earnedAt", c."title"
         FROM credit_entries ce
         LEFT JOIN course_completions cc ON ce."sourceType" = 'course' AND cc."id" = ce."sourceId"
         LEFT JOIN courses c ON c."id" = cc."courseId"
        WHERE ce."userId" = :userId AND ce."earnedAt" >= :from AND ce."earnedAt" < :to
        ORDER BY ce."earnedAt" DESC, ce."id"`,
      { userId, from, to },
    );
    const entries = rows.map((r) => ({
      id: String(r.id),
      sourceType: r.sourceType as CreditSource,
      sourceId: String(r.sourceId),
      title: (r.title as string | null) ?? null,
      hours: roundHours(toNumber(r.hours)),
      earnedAt: toDate(r.earnedAt) as Date,
    }));
    return { year, totalHours: roundHours(entries.reduce((sum, e) => sum + e.hours, 0)), entries };
  }
}
