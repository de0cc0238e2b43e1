import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, Repository } from 'typeorm';
import { Assignment } from '../assignments/entities/assignment.entity';
import { AuditService } from '../audit/audit.service';
import { AssignmentsService } from '../assignments/assignments.service';
import type { Principal } from '../auth/principal';
import { bureauDay, endOfBureauDayOf } from '../common/time/bureau-time';
import { CompletionsService } from '../completions/completions.service';
import { Lesson } from '../content/entities/lesson.entity';
import { QuestionVersion } from '../content/entities/question-version.entity';
import { QuizAttempt } from '../quizzes/entities/quiz-attempt.entity';
import { QuizAttemptsService } from '../quizzes/quiz-attempts.service';
import { QuizzesService } from '../quizzes/quizzes.service';
import { TransactionRunner } from '../database/transaction-runner';
import { User } from '../users/entities/user.entity';

const DAY = 86_400_000;
/** A demo user acting through the services, as if signed in. */
export const asPrincipal = (u: User): Principal => ({
  ...u,
  sessionId: 'demo',
  via: 'bearer',
  csrfToken: '',
});

/**
 * Learning activity for the demo bureau, made through the real services so that it is exactly what
 * users would have produced: three assignments (one already overdue), completed courses with their
 * certificates and 学时, and some half-read courses.
 */
@Injectable()
export class DemoActivityService {
  private readonly logger = new Logger('DemoData');

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Lesson) private readonly lessons: Repository<Lesson>,
    private readonly assignments: AssignmentsService,
    private readonly completions: CompletionsService,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly quizzes: QuizzesService,
    private readonly attempts: QuizAttemptsService,
    @InjectRepository(QuestionVersion) private readonly versions: Repository<QuestionVersion>,
  ) {}

  async seed(bureauUnitId: string, streetUnitId: string): Promise<void> {
    const lessons = await this.lessons.find({
      where: { retiredAt: IsNull() },
      order: { courseId: 'ASC', sortOrder: 'ASC' },
    });
    const byCourse = (id: string) => lessons.filter((l) => l.courseId === id);
    if (byCourse('regulation-ch1-2').length === 0 || byCourse('regulation-ch3').length === 0) {
      this.logger.warn(
        'Demo learning activity skipped: the courses are not imported (CONTENT_IMPORT_ON_START=false?)',
      );
      return;
    }
    const people = await this.users.find({
      where: { username: In(['trainer', 'officer', ...numbered(1, 14)]) },
    });
    const user = (name: string) => people.find((p) => p.username === name) as User;
    const trainer = asPrincipal(user('trainer'));
    // Due dates as the trainer form sends them: a day, due at its end in Beijing time.
    const inDays = (n: number) => bureauDay(new Date(Date.now() + n * DAY));

    await this.assignments.create(trainer, {
      courseId: 'regulation-ch3',
      unitIds: [bureauUnitId],
      dueAt: inDays(30),
    });
    await this.assignments.create(trainer, {
      courseId: 'rule-of-law-five',
      unitIds: [streetUnitId],
      dueAt: inDays(10),
    });
    const early = await this.assignments.create(trainer, {
      courseId: 'regulation-ch1-2',
      roles: ['officer'],
      dueAt: inDays(1),
    });
    // The first assignment of the year is already past its due date: some officers are overdue.
    // The move is audit-logged like any change, so the audit log and the pages name the same due date.
    const pastDue = endOfBureauDayOf(new Date(Date.now() - 5 * DAY));
    await this.tx.run(async (em) => {
      const before = await em.findOneByOrFail(Assignment, { id: early.id });
      await em.update(
        Assignment,
        { id: early.id },
        { createdAt: new Date(Date.now() - 40 * DAY), dueAt: pastDue },
      );
      await this.audit.recordIn(em, trainer, {
        action: 'assignment.update',
        entityType: 'assignment',
        entityId: early.id,
        before: { dueAt: before.dueAt.toISOString() },
        after: { dueAt: pastDue.toISOString() },
      });
    });

    for (const name of ['officer', ...numbered(1, 14)]) {
      await this.learn(user(name), 'regulation-ch1-2', byCourse('regulation-ch1-2'));
    }
    await this.read(user('officer'), byCourse('regulation-ch3').slice(0, 2));
    for (const name of numbered(1, 6)) {
      await this.learn(user(name), 'regulation-ch3', byCourse('regulation-ch3'));
    }
    // Model cap-2 rates a dimension only on enough answers (docs/scoring.md): a few officers also take
    // the unassigned courses, so the demo shows rated officers beside 未评定 ones.
    for (const name of numbered(1, 4)) {
      for (const c of ['regulation-ch4', 'regulation-ch5-6', 'working-methods']) {
        await this.learn(user(name), c, byCourse(c));
      }
    }
    this.logger.log('Demo learning activity created: 3 assignments, completions, certificates and 学时');
  }

  /** Reads every lesson and passes the final quiz (right answers except the first), which completes the course. */
  private async learn(officer: User, courseId: string, lessons: Lesson[]): Promise<void> {
    await this.read(officer, lessons);
    const me = asPrincipal(officer);
    const quiz = await this.quizzes.quiz(me, courseId).catch(() => null);
    if (!quiz) return;
    const { paper } = await this.attempts.start(me, courseId);
    const attempt = await this.tx.run((em) => em.findOneByOrFail(QuizAttempt, { id: paper.id }));
    const keys = await this.versions.findBy({ id: In(attempt.paper.map((p) => p.v)) });
    const key = new Map(keys.map((v) => [v.id, v.answer]));
    const answers = attempt.paper.map((p, i) => ({
      questionId: p.q,
      optionIds: i === 0 ? [] : (key.get(p.v) ?? []),
    }));
    await this.attempts.submit(me, paper.id, answers);
  }

  private async read(officer: User, lessons: Lesson[]): Promise<void> {
    for (const lesson of lessons) await this.completions.markLessonRead(asPrincipal(officer), lesson.id);
  }
}

function numbered(from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => `officer${String(from + i).padStart(2, '0')}`);
}
