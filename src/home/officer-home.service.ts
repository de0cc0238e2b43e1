import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { AssignmentReportsService, MyAssignment } from '../assignments/assignment-reports.service';
import { STATUS_LABELS } from '../assignments/assignment-status';
import { CreditsService } from '../completions/credits.service';
import { CoursesService } from '../courses/courses.service';
import { MyExamsService, type MyExam } from '../exams/my-exams.service';

export interface OfficerTodo extends MyAssignment {
  statusLabel: string;
  /** Where the continue button goes: the first unread lesson, or the course page. */
  href: string;
  started: boolean;
}

export interface OfficerHome {
  todos: OfficerTodo[];
  overdueCount: number;
  inProgress: {
    courseId: string;
    title: string;
    lessonsRead: number;
    lessonsTotal: number;
    href: string;
  } | null;
  credits: { year: number; totalHours: number };
  /** exams the officer can take now or soon (the annual exam among them): one tap from 首页 */
  exams: MyExam[];
}

/** What an officer should do next: open assignments (overdue first), the course in progress, this year's 学时. */
@Injectable()
export class OfficerHomeService {
  constructor(
    private readonly reports: AssignmentReportsService,
    private readonly courses: CoursesService,
    private readonly credits: CreditsService,
    private readonly exams: MyExamsService,
  ) {}

  async forOfficer(me: Principal): Promise<OfficerHome> {
    const [assignments, catalog, credits, exams] = await Promise.all([
      this.reports.forUser(me.id),
      this.courses.catalog(me.id),
      this.credits.yearly(me.id, this.credits.currentYear()),
      this.exams.actionable(me),
    ]);
    const open = assignments
      .filter((a) => a.status !== 'completed')
      .sort(
        (a, b) =>
          Number(b.status === 'overdue') - Number(a.status === 'overdue') ||
          a.dueAt.getTime() - b.dueAt.getTime(),
      );
    // One open requirement per course is what the officer acts on (an overlapping duplicate adds nothing).
    const seen = new Set<string>();
    const unique = open.filter((a) => !seen.has(a.courseId) && seen.add(a.courseId));
    const todos = await Promise.all(
      unique.map(async (a) => ({
        ...a,
        statusLabel: STATUS_LABELS[a.status],
        href: await this.continueHref(me.id, a.courseId),
        started: a.lessonsRead > 0,
      })),
    );
    const started = catalog.items.find(
      (c) =>
        !c.progress.completed &&
        c.progress.lessonsRead > 0 &&
        c.progress.lessonsRead < c.progress.lessonsTotal,
    );
    const inProgress = started
      ? {
          courseId: started.id,
          title: started.title,
          lessonsRead: started.progress.lessonsRead,
          lessonsTotal: started.progress.lessonsTotal,
          href: await this.continueHref(me.id, started.id),
        }
      : null;
    return {
      todos,
      overdueCount: todos.filter((t) => t.status === 'overdue').length,
      inProgress,
      credits: { year: credits.year, totalHours: credits.totalHours },
      exams,
    };
  }

  private async continueHref(userId: string, courseId: string): Promise<string> {
    const course = await this.courses.course(userId, courseId);
    const next = course.lessons.find((l) => !l.completed);
    return next ? `/lessons/${encodeURIComponent(next.id)}` : `/courses/${encodeURIComponent(courseId)}`;
  }
}
