import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { sqliteTime } from '../../src/scoring/sql-dialect';
import { createCourse, createLesson } from './course.factory';
import { createOrganisation } from './organisation.factory';
import { createQuestion } from './quiz.factory';
import { createQuiz } from './quiz.factory';
import { capabilityRow, periodEndRows } from './capability-row';

/** Inserts a row with a plain INSERT on either database. */
export async function insertRow(ds: DataSource, table: string, row: Record<string, unknown>): Promise<void> {
  const cols = Object.keys(row);
  const pg = ds.options.type === 'postgres';
  const marks = cols.map((_, i) => (pg ? `$${i + 1}` : '?'));
  await ds.query(
    `INSERT INTO ${table} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${marks.join(', ')})`,
    Object.values(row).map((v) =>
      pg ? v : typeof v === 'boolean' ? (v ? 1 : 0) : v instanceof Date ? sqliteTime(v) : v,
    ),
  );
}
const at = (iso: string) => new Date(iso);

/**
 * The competency report's hand-computed fixture (period 2025), on the small organisation of
 * createOrganisation: 甲街道 (manager; officer A) ⊃ 甲街道一社区 (A2); 乙街道 (B); 区住建局 (D).
 *
 * - scores (cap-2 rows, capability-row.ts): A 80 and B 70 达标, A2 50 not, D not scored
 * - quiz: A fails then passes, A2 fails; evidence: A q22 ✓ q30 ✗, A2 q22 ✗ q30 ✓, B q22 ✓
 * - 学时: A 2 (course), A2 3 (session); session 2025-07-01: A2 present, A absent, B excused
 * - assignment for 甲街道's subtree due 2025-04-01: A completed before it, A2 overdue
 * - stored monthly CAPABILITY_AVG of 甲街道: 2025-03 60, 2025-06 65
 * - A2's name starts with "=" (a formula in a spreadsheet, to be neutralised in exports)
 */
export async function createReportFixture(ds: DataSource) {
  const org = await createOrganisation(ds);
  const { officerA: a, officerA2: a2, officerB: b, trainer } = org.users;
  await ds.query(`UPDATE users SET "name" = '=SUM(1,2)' WHERE "id" = '${a2.id}'`);
  const course = await createCourse(ds, { passMark: 60, title: '受理办理课程' });
  const lesson = await createLesson(ds, course, 1, { title: '第二十二条的受理' });
  await insertRow(ds, 'content_citations', { kind: 'lesson', itemId: lesson.id, articleNo: 22 });
  const other = await createCourse(ds, { title: '无关课程' });
  const quiz = await createQuiz(ds, course, { questionCount: 1 });
  const q22 = `${course.id}-r22`;
  const q30 = `${course.id}-r30`;
  await createQuestion(ds, course, q22, { articles: [22], dimension: 'acceptance' });
  await createQuestion(ds, course, q30, { articles: [30], dimension: 'handling' });
  await insertRow(ds, 'content_citations', { kind: 'question', itemId: q22, articleNo: 22 });
  await insertRow(ds, 'content_citations', { kind: 'question', itemId: q30, articleNo: 30 });

  await insertRow(ds, 'course_completions', {
    id: randomUUID(),
    userId: a.id,
    courseId: course.id,
    completedAt: at('2025-03-10T02:00:00Z'),
    expiresAt: null,
    creditHours: 2,
  });
  await insertRow(ds, 'credit_entries', {
    id: randomUUID(),
    userId: a.id,
    sourceType: 'course',
    sourceId: randomUUID(),
    hours: 2,
    earnedAt: at('2025-03-10T02:00:00Z'),
  });
  await insertRow(ds, 'credit_entries', {
    id: randomUUID(),
    userId: a2.id,
    sourceType: 'session',
    sourceId: randomUUID(),
    hours: 3,
    earnedAt: at('2025-07-01T08:00:00Z'),
  });

  const attempt = async (userId: string, number: number, passed: boolean, finishedAt: string) => {
    const id = randomUUID();
    await insertRow(ds, 'quiz_attempts', {
      id,
      quizId: quiz.id,
      userId,
      number,
      state: 'finished',
      openSlot: null,
      startedAt: at(finishedAt),
      deadlineAt: at(finishedAt),
      finishedAt: at(finishedAt),
      closedBy: 'submit',
      paper: '[]',
      answers: '{}',
      savedAt: null,
      score: passed ? 90 : 40,
      passed,
      results: '[]',
    });
    return id;
  };
  const evidence = (
    attemptId: string,
    userId: string,
    questionId: string,
    dimension: string,
    credit: number,
    finishedAt: string,
  ) =>
    insertRow(ds, 'scoring_evidence', {
      attemptId,
      questionId,
      userId,
      dimension,
      difficulty: 1,
      credit,
      finishedAt: at(finishedAt),
      finishedDay: at(finishedAt).getTime() / 86_400_000,
    });
  await attempt(a.id, 1, false, '2025-05-01T02:00:00Z');
  const aPass = await attempt(a.id, 2, true, '2025-05-02T02:00:00Z');
  const a2Fail = await attempt(a2.id, 1, false, '2025-05-03T02:00:00Z');
  await evidence(aPass, a.id, q22, 'acceptance', 1, '2025-05-02T02:00:00Z');
  await evidence(aPass, a.id, q30, 'handling', 0, '2025-05-02T02:00:00Z');
  await evidence(a2Fail, a2.id, q22, 'acceptance', 0, '2025-05-03T02:00:00Z');
  await evidence(a2Fail, a2.id, q30, 'handling', 1, '2025-05-03T02:00:00Z');
  await evidence(randomUUID(), b.id, q22, 'acceptance', 1, '2025-06-01T02:00:00Z');

  const sessionId = randomUUID();
  await insertRow(ds, 'training_sessions', {
    id: sessionId,
    kind: 'classroom',
    title: '条例专题培训班',
    description: null,
    startsAt: at('2025-07-01T01:00:00Z'),
    endsAt: at('2025-07-01T04:00:00Z'),
    checkInClosesAt: at('2025-07-01T04:00:00Z'),
    checkInOpensMinutes: 30,
    lateGraceMinutes: 10,
    location: '会议室',
    streamUrl: null,
    noticeNumber: null,
    capacity: null,
    creditHours: 3,
    minPresenceRatio: 0.8,
    courseId: null,
    materials: '[]',
    status: 'closed',
    sequence: 0,
    codeSecret: 'x',
    createdById: trainer.id,
    createdAt: at('2025-06-01T00:00:00Z'),
    updatedAt: at('2025-06-01T00:00:00Z'),
    closedAt: at('2025-07-01T05:00:00Z'),
  });
  for (const [userId, attendance] of [
    [a2.id, 'present'],
    [a.id, 'absent'],
    [b.id, 'excused'],
  ]) {
    await insertRow(ds, 'session_enrolments', {
      id: randomUUID(),
      sessionId,
      userId,
      venueId: null,
      state: 'enrolled',
      enrolledAt: at('2025-06-02T00:00:00Z'),
      attendance,
      finalisedAt: at('2025-07-01T05:00:00Z'),
    });
  }
  const assignmentId = randomUUID();
  await insertRow(ds, 'assignments', {
    id: assignmentId,
    courseId: course.id,
    dueAt: at('2025-04-01T00:00:00Z'),
    createdById: trainer.id,
    createdAt: at('2025-01-01T00:00:00Z'),
    note: null,
  });
  await insertRow(ds, 'assignment_targets', {
    id: randomUUID(),
    assignmentId,
    kind: 'unit',
    unitId: org.units.streetA.id,
    includeSubtree: true,
    role: null,
    userId: null,
  });

  for (const [userId, score] of [
    [a.id, 80],
    [a2.id, 50],
    [b.id, 70],
  ] as const) {
    await insertRow(ds, 'capability_scores', capabilityRow(userId, score));
  }
  // Month-end passes (the trend and the 2025 figures read them, not today's scores): 甲街道 (A, A2)
  // averages 60 at the end of March and 65 at the end of June and of the year.
  for (const [month, scores] of [
    [
      '2025-03',
      [
        [a.id, 70],
        [a2.id, 50],
      ],
    ],
    [
      '2025-06',
      [
        [a.id, 80],
        [a2.id, 50],
      ],
    ],
    [
      '2025-12',
      [
        [a.id, 80],
        [a2.id, 50],
        [b.id, 70],
      ],
    ],
  ] as const) {
    const pass = periodEndRows(month, scores);
    for (const row of pass.rows) await insertRow(ds, 'capability_period_scores', row);
    await insertRow(ds, 'capability_period_ends', pass.end);
  }
  return { org, course, other, lesson, quiz, questions: { q22, q30 } };
}
