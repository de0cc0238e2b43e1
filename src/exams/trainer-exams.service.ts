import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { rawRows, toDate, toNumber } from '../database/sql/raw-sql';

export interface TrainerExamRow {
  quizId: string;
  title: string;
  kind: 'course' | 'exam';
  kindLabel: string;
  opensAt: Date | null;
  closesAt: Date | null;
  /** finished attempts, the officers who finished one, and of those the ones who passed at least once */
  attempts: number;
  officers: number;
  passedOfficers: number;
  analysisHref: string;
}

/**
 * 考试管理 for trainers and admins: every current exam and course 结业测验 with its window and one
 * grouped count of finished attempts (a single statement for the whole list), each linked to its
 * item analysis. Standalone exams (the annual exam) first.
 */
@Injectable()
export class TrainerExamsService {
  constructor(@InjectEntityManager() private readonly em: EntityManager) {}

  async list(): Promise<TrainerExamRow[]> {
    const rows = await rawRows<Record<string, unknown>>(
      this.em,
      `SELECT q."id", q."title", q."kind", q."opensAt", q."closesAt",
              COALESCE(s."attempts", 0) AS "attempts", COALESCE(s."officers", 0) AS "officers", COALESCE(s."passedOfficers", 0) AS "passedOfficers"
         FROM quizzes q
         LEFT JOIN (SELECT p."quizId", SUM(p."n") AS "attempts", COUNT(*) AS "officers", SUM(p."ok") AS "passedOfficers"
                      FROM (SELECT a."quizId", a."userId", COUNT(*) AS "n", MAX(CASE WHEN a."passed" = :yes THEN 1 ELSE 0 END) AS "ok"
                              FROM quiz_attempts a WHERE a."state" = 'finished' GROUP BY a."quizId", a."userId") p
                     GROUP BY p."quizId") s ON s."quizId" = q."id"
        WHERE q."retiredAt" IS NULL
        ORDER BY CASE WHEN q."kind" = 'exam' THEN 0 ELSE 1 END, q."title"`,
      { yes: true },
    );
    return rows.map((r) => {
      const kind = String(r.kind) as 'course' | 'exam';
      const quizId = String(r.id);
      return {
        quizId,
        title: String(r.title),
        kind,
        kindLabel: kind === 'exam' ? '考试' : '课程结业测验',
        opensAt: toDate(r.opensAt),
        closesAt: toDate(r.closesAt),
        attempts: toNumber(r.attempts),
        officers: toNumber(r.officers),
        passedOfficers: toNumber(r.passedOfficers),
        analysisHref: `/trainer/quizzes/${encodeURIComponent(quizId)}/analysis`,
      };
    });
  }
}
