import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager, IsNull } from 'typeorm';
import { AssignmentReportsService } from '../assignments/assignment-reports.service';
import type { Principal } from '../auth/principal';
import { Quiz } from '../quizzes/entities/quiz.entity';
import { QuizzesService } from '../quizzes/quizzes.service';
import { QuizErrors } from '../quizzes/quizzes.errors';
import { AppError } from '../common/errors/app-error';
import { ACTIONABLE, EXAM_STATE_LABELS, examState, windowNote, type ExamState } from './exam-state';

/** One line of 我的考试 (`GET /api/me/exams` returns the first seven fields). */
export interface MyExam {
  quizId: string;
  title: string;
  kind: 'course' | 'exam';
  opensAt: string | null;
  closesAt: string | null;
  attemptsLeft: number;
  state: ExamState;
  stateLabel: string;
  kindLabel: string;
  note: string | null;
  href: string;
}

const KIND_LABELS = { course: '课程结业测验', exam: '考试' } as const;

/**
 * 考试中心 for an officer: every standalone exam whose audience includes them (the annual exam) and
 * the 结业测验 of each course assigned to them, with the window, attempts left and where they stand.
 * Each line comes from QuizzesService.quiz, the same reading the quiz page shows, so the list can
 * never disagree with it (an officer has a handful of exams; the per-quiz reads are bounded by that).
 */
@Injectable()
export class MyExamsService {
  constructor(
    @InjectEntityManager() private readonly em: EntityManager,
    private readonly quizzes: QuizzesService,
    private readonly assignments: AssignmentReportsService,
  ) {}

  async forOfficer(me: Principal, now = new Date()): Promise<MyExam[]> {
    const [exams, assigned] = await Promise.all([
      this.em.find(Quiz, { select: { id: true }, where: { kind: 'exam', retiredAt: IsNull() } }),
      this.assignments.forUser(me.id),
    ]);
    const courseIds = [...new Set(assigned.map((a) => a.courseId))];
    const courseQuizzes = courseIds.length
      ? await this.em.find(Quiz, {
          select: { id: true, courseId: true },
          where: courseIds.map((courseId) => ({ courseId, kind: 'course' as const, retiredAt: IsNull() })),
        })
      : [];
    const ids = [...exams.map((q) => q.id), ...courseQuizzes.map((q) => q.id)];
    const lines = await Promise.all(ids.map((id) => this.line(me, id, now)));
    return lines
      .filter((l): l is MyExam => l !== null)
      .sort(
        (a, b) =>
          rank(a) - rank(b) ||
          (a.closesAt ?? '9').localeCompare(b.closesAt ?? '9') ||
          a.title.localeCompare(b.title),
      );
  }

  /** 首页: what the officer can still take or will soon (in progress first). */
  async actionable(me: Principal): Promise<MyExam[]> {
    return (await this.forOfficer(me)).filter((e) => ACTIONABLE.has(e.state));
  }

  private async line(me: Principal, quizId: string, now: Date): Promise<MyExam | null> {
    let q: Awaited<ReturnType<QuizzesService['quiz']>>;
    try {
      q = await this.quizzes.quiz(me, quizId);
    } catch (error) {
      // an exam whose audience leaves this officer out is simply not theirs
      if (error instanceof AppError && error.code === QuizErrors.quizNotFound().code) return null;
      throw error;
    }
    const facts = {
      opensAt: q.opensAt ? new Date(q.opensAt) : null,
      closesAt: q.closesAt ? new Date(q.closesAt) : null,
      attemptsLeft: q.mine.attemptsLeft,
      hasOpenAttempt: q.mine.openAttempt !== null,
      passed: q.mine.passed,
      attemptsUsed: q.mine.attemptsUsed,
    };
    const state = examState(facts, now);
    return {
      quizId: q.id,
      title: q.title,
      kind: q.kind,
      opensAt: q.opensAt,
      closesAt: q.closesAt,
      attemptsLeft: q.mine.attemptsLeft,
      state,
      stateLabel: EXAM_STATE_LABELS[state],
      kindLabel: KIND_LABELS[q.kind],
      note: windowNote(state, facts, now),
      href: `/quizzes/${encodeURIComponent(q.id)}`,
    };
  }
}

const ORDER: ExamState[] = ['in_progress', 'open', 'upcoming', 'failed', 'passed', 'closed'];
const rank = (e: MyExam) => ORDER.indexOf(e.state);
