import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, IsNull } from 'typeorm';
import type { Principal } from '../auth/principal';
import { Course } from '../content/entities/course.entity';
import { Lesson } from '../content/entities/lesson.entity';
import { TransactionRunner } from '../database/transaction-runner';
import { OutboxService } from '../outbox/outbox.service';
import { COURSE_COMPLETED } from '../outbox/outbox.events';
import { Quiz } from '../quizzes/entities/quiz.entity';
import { cycleGrade } from '../quizzes/quiz-grade.sql';
import { User } from '../users/entities/user.entity';
import { addMonths } from '../common/time/bureau-time';
import { generateCertificateCode } from './certificate-code';
import { isCourseComplete } from './completion-rule';
import { Certificate } from './entities/certificate.entity';
import { CourseCompletion } from './entities/course-completion.entity';
import { CreditEntry } from './entities/credit-entry.entity';
import { LessonProgress } from './entities/lesson-progress.entity';
import { lessonsReadSql, lessonsTotalSql } from './progress-sql';
import { rawRows, toNumber } from '../database/sql/raw-sql';
import { CommonErrors } from '../common/errors/common.errors';
import { CompletionErrors } from './completions.errors';

export interface LessonCompleteResult {
  lessonId: string;
  /** The caller holds a still-valid completion of the course after this call. */
  courseCompleted: boolean;
  /** This call completed the course (and issued the certificate). */
  newlyCompleted: boolean;
  certificateCode: string | null;
}

/** Marking lessons read and, when that completes the course, recording the completion. */
@Injectable()
export class CompletionsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * Idempotent. When the read completes the course and the officer holds no still-valid completion,
   * the progress row, the completion, the 学时 entry, the certificate and the outbox event are written
   * in one transaction: all or nothing.
   */
  markLessonRead(me: Principal, lessonId: string): Promise<LessonCompleteResult> {
    return this.tx.run(async (em) => {
      const lesson = await em.findOneBy(Lesson, { id: lessonId, retiredAt: IsNull() });
      const course = lesson ? await em.findOneBy(Course, { id: lesson.courseId }) : null;
      if (!lesson || !course) throw CommonErrors.lessonNotFound();
      if (course.retiredAt) throw CompletionErrors.courseRetired();
      await this.lockLearner(em, me.id);
      const now = new Date();
      await this.recordRead(em, me.id, lesson, now);

      const held = await this.validCompletion(em, me.id, course.id, now);
      if (held) return { lessonId, courseCompleted: true, newlyCompleted: false, certificateCode: held.code };
      const facts = {
        ...(await this.lessonCounts(em, me.id, course.id, now)),
        ...(await this.quizGate(em, me.id, course, now)),
      };
      if (!isCourseComplete(facts)) {
        return { lessonId, courseCompleted: false, newlyCompleted: false, certificateCode: null };
      }
      const certificateCode = await this.complete(em, me.id, course, now);
      return { lessonId, courseCompleted: true, newlyCompleted: true, certificateCode };
    });
  }

  /** PostgreSQL runs requests concurrently: serialise one officer's completions on their user row. */
  private async lockLearner(em: EntityManager, userId: string): Promise<void> {
    if (em.connection.options.type !== 'postgres') return; // SQLite writes are already serialised
    await em
      .createQueryBuilder(User, 'u')
      .select('u.id')
      .setLock('pessimistic_write')
      .where('u.id = :userId', { userId })
      .getOne();
  }

  /** A first read inserts; a read used up by a since-expired completion is renewed; otherwise nothing. */
  private async recordRead(em: EntityManager, userId: string, lesson: Lesson, now: Date): Promise<void> {
    const existing = await em.findOneBy(LessonProgress, { userId, lessonId: lesson.id });
    if (!existing) {
      await em.insert(LessonProgress, { userId, lessonId: lesson.id, completedAt: now });
      return;
    }
    const usedUp = await em
      .createQueryBuilder(CourseCompletion, 'cc')
      .where('cc.userId = :userId AND cc.courseId = :courseId', { userId, courseId: lesson.courseId })
      .andWhere('cc.expiresAt IS NOT NULL AND cc.expiresAt <= :now AND cc.completedAt >= :readAt', {
        now,
        readAt: existing.completedAt,
      })
      .getExists();
    if (usedUp) await em.update(LessonProgress, { userId, lessonId: lesson.id }, { completedAt: now });
  }

  private async validCompletion(em: EntityManager, userId: string, courseId: string, now: Date) {
    return em
      .createQueryBuilder(CourseCompletion, 'cc')
      .leftJoin(Certificate, 'cert', 'cert.completionId = cc.id')
      .select('cc.id', 'id')
      .addSelect('cert.code', 'code')
      .where('cc.userId = :userId AND cc.courseId = :courseId', { userId, courseId })
      .andWhere('(cc.expiresAt IS NULL OR cc.expiresAt > :now)', { now })
      .orderBy('cc.completedAt', 'DESC')
      .limit(1)
      .getRawOne<{ id: string; code: string | null }>();
  }

  private async lessonCounts(em: EntityManager, userId: string, courseId: string, now: Date) {
    const sql = `SELECT ${lessonsTotalSql(':courseId')} AS "lessonsTotal", ${lessonsReadSql(':userId', ':courseId')} AS "lessonsRead"`;
    const [row] = await rawRows<{ lessonsTotal: unknown; lessonsRead: unknown }>(em, sql, {
      userId,
      courseId,
      now,
    });
    return { lessonsTotal: toNumber(row?.lessonsTotal), lessonsRead: toNumber(row?.lessonsRead) };
  }

  /**
   * The quiz seam: a course with a (non-retired) final quiz requires it passed within the current
   * validity cycle, graded by the quiz's grading method (see quizzes/quiz-grade.sql.ts).
   */
  private async quizGate(
    em: EntityManager,
    userId: string,
    course: Course,
    now = new Date(),
  ): Promise<{ quizRequired: boolean; quizPassed: boolean }> {
    const quiz = await em.findOneBy(Quiz, { id: course.id, kind: 'course', retiredAt: IsNull() });
    if (!quiz) return { quizRequired: false, quizPassed: false };
    return { quizRequired: true, quizPassed: (await cycleGrade(em, userId, quiz, now)).passed };
  }

  /**
   * Called by the quiz feature inside the transaction that finished a passing attempt: completes the
   * course (certificate, 学时, outbox) when every lesson is read too and no completion is still valid.
   * Returns the new certificate code, or null when nothing was completed.
   */
  async completeAfterQuizIn(
    em: EntityManager,
    userId: string,
    courseId: string,
    now: Date,
  ): Promise<string | null> {
    const course = await em.findOneBy(Course, { id: courseId, retiredAt: IsNull() });
    if (!course) return null;
    await this.lockLearner(em, userId);
    if (await this.validCompletion(em, userId, course.id, now)) return null;
    const facts = {
      ...(await this.lessonCounts(em, userId, course.id, now)),
      ...(await this.quizGate(em, userId, course, now)),
    };
    if (!isCourseComplete(facts)) return null;
    return this.complete(em, userId, course, now);
  }

  private async complete(em: EntityManager, userId: string, course: Course, now: Date): Promise<string> {
    const completionId = randomUUID();
    const expiresAt = course.validityMonths > 0 ? addMonths(now, course.validityMonths) : null;
    await em.insert(CourseCompletion, {
      id: completionId,
      userId,
      courseId: course.id,
      completedAt: now,
      expiresAt,
      creditHours: course.creditHours,
    });
    await em.insert(CreditEntry, {
      id: randomUUID(),
      userId,
      sourceType: 'course',
      sourceId: completionId,
      hours: course.creditHours,
      earnedAt: now,
    });
    const code = await this.unusedCode(em);
    await em.insert(Certificate, {
      id: randomUUID(),
      code,
      userId,
      courseId: course.id,
      completionId,
      issuedAt: now,
      expiresAt,
    });
    await this.outbox.append(em, COURSE_COMPLETED, {
      userId,
      courseId: course.id,
      completionId,
      completedAt: now.toISOString(),
    });
    return code;
  }

  /** 50 random bits make a clash practically impossible; checking first keeps the transaction clean if one happens. */
  private async unusedCode(em: EntityManager): Promise<string> {
    for (;;) {
      const code = generateCertificateCode();
      if (!(await em.existsBy(Certificate, { code }))) return code;
    }
  }
}
