import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager, IsNull } from 'typeorm';
import { matchesQuery, normaliseQueryText, snippetAround } from '../common/search/normalised-search';
import { Course } from '../content/entities/course.entity';
import { Lesson } from '../content/entities/lesson.entity';
import type { Principal } from '../auth/principal';
import { Quiz } from '../quizzes/entities/quiz.entity';
import { inAudience } from '../quizzes/quiz-access';

export interface SearchHit {
  kind: 'course' | 'lesson' | 'exam';
  id: string;
  title: string;
  /** The course a lesson belongs to (for a course: itself). */
  courseId: string;
  courseTitle: string;
  /** About 40 characters either side of the first match in the summary or body; null when only the title matched. */
  snippet: string | null;
  href: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

/** A lesson's rendered (sanitised) HTML as the reader sees the text: tags dropped, entities decoded. */
export const htmlToPlain = (html: string): string =>
  html
    .replace(/<(br|\/p|\/li|\/h\d|\/tr)[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => ENTITIES[e])
    .replace(/\n{2,}/g, '\n')
    .trim();

/**
 * Search over what every signed-in person may read: the current (not retired) courses and their
 * current lessons. Content is a few hundred rows at most, so it is matched in memory with the same
 * forgiving normalisation as the regulation search (spaces, numerals, full-width characters).
 */
@Injectable()
export class SearchService {
  constructor(@InjectEntityManager() private readonly em: EntityManager) {}

  async search(
    q: string,
    limit: number,
    offset: number,
    me?: Principal,
  ): Promise<{ items: SearchHit[]; total: number }> {
    if (!normaliseQueryText(q)) return { items: [], total: 0 };
    const exams = me ? await this.examHits(q, me) : [];
    const [courses, lessons] = await Promise.all([
      this.em.find(Course, { where: { retiredAt: IsNull() }, order: { sortOrder: 'ASC', id: 'ASC' } }),
      this.em.find(Lesson, {
        where: { retiredAt: IsNull() },
        select: { id: true, courseId: true, title: true, bodyHtml: true, sortOrder: true },
        order: { courseId: 'ASC', sortOrder: 'ASC', id: 'ASC' },
      }),
    ]);
    const hits: SearchHit[] = [...exams];
    const byCourse = new Map(courses.map((c) => [c.id, c]));
    for (const c of courses) {
      if (matchesQuery(c.title, q) || matchesQuery(c.summary, q)) {
        hits.push({
          kind: 'course',
          id: c.id,
          title: c.title,
          courseId: c.id,
          courseTitle: c.title,
          snippet: snippetAround(c.summary, q),
          href: `/courses/${c.id}`,
        });
      }
    }
    const lessonHits: SearchHit[] = [];
    for (const l of lessons) {
      const course = byCourse.get(l.courseId);
      if (!course) continue; // a lesson of a retired course is not offered
      const body = htmlToPlain(l.bodyHtml);
      if (matchesQuery(l.title, q) || matchesQuery(body, q)) {
        lessonHits.push({
          kind: 'lesson',
          id: l.id,
          title: l.title,
          courseId: course.id,
          courseTitle: course.title,
          snippet: snippetAround(body, q),
          href: `/lessons/${l.id}`,
        });
      }
    }
    // Lessons in catalog order of their course.
    const order = new Map(courses.map((c, i) => [c.id, i]));
    lessonHits.sort((a, b) => (order.get(a.courseId) ?? 0) - (order.get(b.courseId) ?? 0));
    hits.push(...lessonHits);
    return { items: hits.slice(offset, offset + limit), total: hits.length };
  }

  /**
   * Exams first: a quiz whose title or summary matches, or every exam the person may see when the
   * query is just a word for exams (考试, 测验 …), so 「考试」 finds the annual exam.
   */
  private async examHits(q: string, me: Principal): Promise<SearchHit[]> {
    const quizzes = await this.em.find(Quiz, {
      where: { retiredAt: IsNull() },
      order: { kind: 'DESC', title: 'ASC' },
    });
    const generic = EXAM_WORDS.has(normaliseQueryText(q));
    const hits: SearchHit[] = [];
    for (const quiz of quizzes) {
      const matches = matchesQuery(quiz.title, q) || matchesQuery(quiz.summary, q);
      if (!(matches || (generic && quiz.kind === 'exam'))) continue;
      if (!(await inAudience(this.em, me, quiz))) continue;
      hits.push({
        kind: 'exam',
        id: quiz.id,
        title: quiz.title,
        courseId: quiz.courseId ?? quiz.id,
        courseTitle: quiz.kind === 'exam' ? '考试' : '课程结业测验',
        snippet: snippetAround(quiz.summary, q),
        href: `/quizzes/${encodeURIComponent(quiz.id)}`,
      });
    }
    return hits;
  }
}

/** Words people type when they look for an exam; each finds every exam they may take. */
const EXAM_WORDS = new Set(['考试', '考核', '测验', '测试', '年度考试', '我的考试']);
