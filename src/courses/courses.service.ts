import { Injectable } from '@nestjs/common';
import { Quiz } from '../quizzes/entities/quiz.entity';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager, IsNull } from 'typeorm';
import {
  currentReadSql,
  lessonsReadSql,
  lessonsTotalSql,
  validCompletionSql,
} from '../completions/progress-sql';
import { rawRows, toDate, toNumber } from '../database/sql/raw-sql';
import type { Dimension } from '../content/dimensions';
import type { Course } from '../content/entities/course.entity';
import { CourseErrors } from './courses.errors';
import { CommonErrors } from '../common/errors/common.errors';

export interface CourseProgress {
  lessonsRead: number;
  lessonsTotal: number;
  /** The caller holds a still-valid completion. */
  completed: boolean;
  /** When that completion expires (null: it does not expire, or there is none). */
  validUntil: Date | null;
}

export interface CatalogCourse extends Pick<
  Course,
  'id' | 'title' | 'summary' | 'creditHours' | 'validityMonths' | 'passMark'
> {
  progress: CourseProgress;
}

export interface LessonRow {
  id: string;
  title: string;
  completed: boolean;
}

const courseSql = (where: string) =>
  `SELECT c."id", c."title", c."summary", c."creditHours", c."validityMonths", c."passMark", c."retiredAt",
     ${lessonsTotalSql('c."id"')} AS "lessonsTotal", ${lessonsReadSql(':userId', 'c."id"')} AS "lessonsRead",
     ${validCompletionSql(':userId', 'c."id"', 'completedAt')} AS "completedAt",
     ${validCompletionSql(':userId', 'c."id"', 'expiresAt')} AS "validUntil"
   FROM courses c WHERE ${where}`;

const lessonsSql = `SELECT l."id", l."title",
    CASE WHEN EXISTS (SELECT 1 FROM lesson_progress lp WHERE lp."userId" = :userId AND lp."lessonId" = l."id"
      AND ${currentReadSql('lp', 'l."courseId"')}) THEN 1 ELSE 0 END AS "completed"
  FROM lessons l WHERE l."courseId" = :courseId AND l."retiredAt" IS NULL ORDER BY l."sortOrder", l."id"`;

/** The catalog, a course and a lesson, each with the caller's progress. Reads only. */
@Injectable()
export class CoursesService {
  constructor(@InjectEntityManager() private readonly em: EntityManager) {}

  /** Non-retired courses in catalog order. */
  async catalog(userId: string, limit = 200, offset = 0): Promise<{ items: CatalogCourse[]; total: number }> {
    const rows = await rawRows<Record<string, unknown>>(
      this.em,
      `${courseSql('c."retiredAt" IS NULL')} ORDER BY c."sortOrder", c."id" LIMIT :limit OFFSET :offset`,
      { userId, now: new Date(), limit, offset },
    );
    const [count] = await rawRows<{ n: unknown }>(
      this.em,
      `SELECT COUNT(*) AS "n" FROM courses WHERE "retiredAt" IS NULL`,
      {},
    );
    return { items: rows.map(toCatalogCourse), total: toNumber(count?.n) };
  }

  /** A course (retired ones stay readable, flagged) with its lessons and the caller's ticks. */
  async course(userId: string, courseId: string) {
    const now = new Date();
    const [row] = await rawRows<Record<string, unknown>>(this.em, courseSql('c."id" = :courseId'), {
      userId,
      courseId,
      now,
    });
    if (!row) throw CourseErrors.notFound();
    const lessons = await this.lessonRows(userId, courseId, now);
    const quiz = await this.em.findOne(Quiz, {
      select: { id: true },
      where: { id: courseId, kind: 'course', retiredAt: IsNull() },
    });
    return {
      ...toCatalogCourse(row),
      retired: row.retiredAt !== null && row.retiredAt !== undefined,
      lessons,
      quizId: quiz?.id ?? null,
    };
  }

  async lesson(userId: string, lessonId: string) {
    const now = new Date();
    const [row] = await rawRows<Record<string, unknown>>(
      this.em,
      `SELECT l."id", l."courseId", c."title" AS "courseTitle", l."title", l."bodyHtml", l."articles", l."dimension"
         FROM lessons l JOIN courses c ON c."id" = l."courseId" WHERE l."id" = :lessonId AND l."retiredAt" IS NULL`,
      { lessonId },
    );
    if (!row) throw CommonErrors.lessonNotFound();
    const siblings = await this.lessonRows(userId, String(row.courseId), now);
    const index = siblings.findIndex((l) => l.id === lessonId);
    return {
      id: String(row.id),
      courseId: String(row.courseId),
      courseTitle: String(row.courseTitle),
      title: String(row.title),
      html: String(row.bodyHtml),
      articles: JSON.parse(String(row.articles)) as number[],
      dimension: row.dimension as Dimension,
      completed: siblings[index]?.completed ?? false,
      position: index + 1,
      lessonsTotal: siblings.length,
      prevId: siblings[index - 1]?.id ?? null,
      nextId: siblings[index + 1]?.id ?? null,
    };
  }

  private async lessonRows(userId: string, courseId: string, now: Date): Promise<LessonRow[]> {
    const rows = await rawRows<Record<string, unknown>>(this.em, lessonsSql, { userId, courseId, now });
    return rows.map((r) => ({
      id: String(r.id),
      title: String(r.title),
      completed: toNumber(r.completed) === 1,
    }));
  }
}

function toCatalogCourse(r: Record<string, unknown>): CatalogCourse {
  return {
    id: String(r.id),
    title: String(r.title),
    summary: String(r.summary),
    creditHours: toNumber(r.creditHours),
    validityMonths: toNumber(r.validityMonths),
    passMark: toNumber(r.passMark),
    progress: {
      lessonsRead: toNumber(r.lessonsRead),
      lessonsTotal: toNumber(r.lessonsTotal),
      completed: toDate(r.completedAt) !== null,
      validUntil: toDate(r.validUntil),
    },
  };
}
