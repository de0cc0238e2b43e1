import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { PAGE_LIMIT_DEFAULT } from '../common/dto/page-query.dto';
import { CertificatesService } from '../completions/certificates.service';
import { bureauYear } from '../common/time/bureau-time';
import { CreditsService } from '../completions/credits.service';
import { rawRows, toDate, toNumber } from '../database/sql/raw-sql';
import { Unit } from '../units/entities/unit.entity';
import { ScopeService } from '../units/scope.service';
import { User } from '../users/entities/user.entity';
import { AssignmentReportsService } from './assignment-reports.service';

export interface AssignmentPage {
  limit: number;
  offset: number;
}
const FIRST_PAGE: AssignmentPage = { limit: PAGE_LIMIT_DEFAULT, offset: 0 };

export interface YearTotal {
  year: number;
  hours: number;
}

export interface CompletionView {
  courseId: string;
  courseTitle: string;
  completedAt: Date;
  expiresAt: Date | null;
  creditHours: number;
  valid: boolean;
}

/**
 * One officer's learning record: requirements with status and due dates, courses completed,
 * certificates, this year's 学时 entries and the totals of every year. `assignments` is one page of
 * them (a load test left 729 on one officer); `assignmentsTotal` and `openAssignments` cover all.
 */
@Injectable()
export class LearningService {
  constructor(
    @InjectEntityManager() private readonly em: EntityManager,
    private readonly scope: ScopeService,
    private readonly reports: AssignmentReportsService,
    private readonly credits: CreditsService,
    private readonly certificates: CertificatesService,
  ) {}

  /** Self, a manager of the officer's subtree, trainers and admins; anyone else gets 404. */
  async ofUser(me: Principal, userId: string, page: AssignmentPage = FIRST_PAGE) {
    const user = await this.em.findOneBy(User, { id: userId });
    await this.scope.assertCanSeeUser(me, user);
    const target = user as User;
    return this.summary(
      { id: target.id, username: target.username, name: target.name, unitId: target.unitId },
      page,
    );
  }

  async summary(
    user: { id: string; username: string; name: string; unitId: string },
    page: AssignmentPage = FIRST_PAGE,
  ) {
    const unit = await this.em.findOneBy(Unit, { id: user.unitId });
    const [assignments, credits, certificates, yearTotals, completions] = await Promise.all([
      this.reports.pageForUser(user.id, page.limit, page.offset),
      this.credits.yearly(user.id, this.credits.currentYear()),
      this.certificates.listForUser(user.id, 200, 0),
      this.yearTotals(user.id),
      this.completions(user.id),
    ]);
    return {
      user: {
        id: user.id,
        username: user.username,
        name: user.name,
        unitId: user.unitId,
        unitName: unit?.name ?? null,
      },
      assignments: assignments.items,
      assignmentsTotal: assignments.total,
      openAssignments: assignments.open,
      credits,
      certificates: certificates.items,
      yearTotals,
      completions,
    };
  }

  /** 学时 per calendar year (Asia/Shanghai), newest year first. */
  private async yearTotals(userId: string): Promise<YearTotal[]> {
    const rows = await rawRows<{ hours: unknown; earnedAt: unknown }>(
      this.em,
      `SELECT ce."hours", ce."earnedAt" FROM credit_entries ce WHERE ce."userId" = :userId`,
      { userId },
    );
    const totals = new Map<number, number>();
    for (const r of rows) {
      const year = bureauYear(toDate(r.earnedAt) as Date);
      totals.set(year, (totals.get(year) ?? 0) + toNumber(r.hours));
    }
    return [...totals.entries()]
      .sort((a, b) => b[0] - a[0])
      .map(([year, hours]) => ({ year, hours: Math.round(hours * 100) / 100 }));
  }

  /** Every completion, newest first (expired ones too: that is the history). */
  private async completions(userId: string): Promise<CompletionView[]> {
    const now = Date.now();
    const rows = await rawRows<Record<string, unknown>>(
      this.em,
      `SELECT cc."courseId", c."title" AS "courseTitle", cc."completedAt", cc."expiresAt", cc."creditHours"
         FROM course_completions cc JOIN courses c ON c."id" = cc."courseId" WHERE cc."userId" = :userId ORDER BY cc."completedAt" DESC`,
      { userId },
    );
    return rows.map((r) => {
      const expiresAt = toDate(r.expiresAt);
      return {
        courseId: String(r.courseId),
        courseTitle: String(r.courseTitle),
        completedAt: toDate(r.completedAt) as Date,
        expiresAt,
        creditHours: toNumber(r.creditHours),
        valid: !expiresAt || expiresAt.getTime() > now,
      };
    });
  }
}
