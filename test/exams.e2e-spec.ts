import request from 'supertest';
import { createCourseWithLessons } from './factories/course.factory';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { createBank, createQuiz, keyedAnswers } from './factories/quiz.factory';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';

const DAY = 24 * 3600_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY);

/** 考试中心 (issue 19): officers find their exams on 首页, 我的考试, the API and search; trainers each exam's analysis. */
describe('Exam centre (e2e)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createOrganisation>>;
  const tokens: Record<string, string> = {};
  const auth = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
  const mine = async (who: string) =>
    (await request(t.http).get('/api/me/exams').set(auth(who)).expect(200)).body as Array<
      Record<string, unknown>
    >;

  let annualId: string;
  let futureId: string;
  let streetBOnlyId: string;
  let courseQuizId: string;

  beforeAll(async () => {
    t = await createTestApp();
    org = await createOrganisation(t.dataSource);
    for (const name of ['trainer', 'admin', 'manager', 'officer_a', 'officer_b']) {
      tokens[name] = await apiLogin(t.http, name, TEST_PASSWORD);
    }
    const { course } = await createCourseWithLessons(t.dataSource, 1);
    await createBank(t.dataSource, course, 6);
    courseQuizId = (await createQuiz(t.dataSource, course, { questionCount: 3 })).id;
    annualId = (
      await createQuiz(
        t.dataSource,
        null,
        { questionCount: 3, attemptsAllowed: 2 },
        { id: 'annual-test', title: '年度依法履职考试（测试）', opensAt: inDays(-1), closesAt: inDays(10) },
      )
    ).id;
    futureId = (
      await createQuiz(
        t.dataSource,
        null,
        { questionCount: 3 },
        { id: 'later-exam', title: '专项考试', opensAt: inDays(5), closesAt: inDays(9) },
      )
    ).id;
    streetBOnlyId = (
      await createQuiz(
        t.dataSource,
        null,
        { questionCount: 3 },
        { id: 'street-b-exam', title: '乙街道专场考试', audience: { roles: ['officer'], units: ['乙街道'] } },
      )
    ).id;
    await request(t.http)
      .post('/api/assignments')
      .set(auth('trainer'))
      .send({ courseId: course.id, unitIds: [org.units.streetA.id], dueAt: inDays(30).toISOString() })
      .expect(201);
  }, 60_000);
  afterAll(() => t.close());

  it('should list the open exam, the upcoming one and the assigned course quiz, with window, attempts left and state', async () => {
    const exams = await mine('officer_a');
    expect(exams.map((e) => e.quizId).sort()).toEqual([annualId, courseQuizId, futureId].sort());
    expect(exams.find((e) => e.quizId === annualId)).toEqual({
      quizId: annualId,
      title: '年度依法履职考试（测试）',
      kind: 'exam',
      opensAt: expect.any(String),
      closesAt: expect.any(String),
      attemptsLeft: 2,
      state: 'open',
    });
    expect(exams.find((e) => e.quizId === futureId)).toMatchObject({ state: 'upcoming', kind: 'exam' });
    expect(exams.find((e) => e.quizId === courseQuizId)).toMatchObject({
      state: 'open',
      kind: 'course',
      attemptsLeft: 3,
    });
    // open exams come before upcoming ones
    expect(exams.findIndex((e) => e.quizId === futureId)).toBeGreaterThan(
      exams.findIndex((e) => e.quizId === annualId),
    );
  });

  it('should leave out exams whose audience excludes the officer and course quizzes not assigned to them', async () => {
    expect((await mine('officer_a')).map((e) => e.quizId)).not.toContain(streetBOnlyId);
    const b = (await mine('officer_b')).map((e) => e.quizId);
    expect(b).toContain(streetBOnlyId);
    expect(b).not.toContain(courseQuizId);
  });

  it('should count attempts and say in progress, then passed', async () => {
    const start = await request(t.http)
      .post(`/api/quizzes/${courseQuizId}/attempts`)
      .set(auth('officer_a'))
      .expect(201);
    expect((await mine('officer_a')).find((e) => e.quizId === courseQuizId)).toMatchObject({
      state: 'in_progress',
      attemptsLeft: 2,
    });
    const answers = await keyedAnswers(t.dataSource, start.body.id);
    await request(t.http)
      .post(`/api/attempts/${start.body.id}/submit`)
      .set(auth('officer_a'))
      .send({ answers })
      .expect(200);
    expect((await mine('officer_a')).find((e) => e.quizId === courseQuizId)).toMatchObject({
      state: 'passed',
      attemptsLeft: 2,
    });
  });

  it('should be for officers only', async () => {
    await request(t.http).get('/api/me/exams').expect(401);
    for (const who of ['trainer', 'manager', 'admin']) {
      await request(t.http).get('/api/me/exams').set(auth(who)).expect(403);
    }
  });

  it('should put the open exam on 首页 one tap away, and 我的考试 with its countdown', async () => {
    const home = await request(t.http).get('/').set(auth('officer_a')).expect(200);
    expect(home.text).toContain('data-testid="home-exams"');
    expect(home.text).toContain(`href="/quizzes/${annualId}"`);
    expect(home.text).toContain('年度依法履职考试（测试）');
    const page = await request(t.http).get('/my/exams').set(auth('officer_a')).expect(200);
    expect(page.text).toContain('距截止还有');
    expect(page.text).toContain('距开始还有');
    expect(page.text).toContain('专项考试');
  });

  it('should find exams by search, and every exam the officer may take for the word 考试', async () => {
    const hits = async (q: string, who = 'officer_a') =>
      (await request(t.http).get('/api/search').query({ q }).set(auth(who)).expect(200)).body.items as Array<{
        kind: string;
        id: string;
        href: string;
      }>;
    const byWord = (await hits('考试')).filter((h) => h.kind === 'exam').map((h) => h.id);
    expect(byWord).toEqual(expect.arrayContaining([annualId, futureId]));
    expect(byWord).not.toContain(streetBOnlyId);
    expect((await hits('依法履职'))[0]).toMatchObject({
      kind: 'exam',
      id: annualId,
      href: `/quizzes/${annualId}`,
    });
    const page = await request(t.http).get('/search').query({ q: '考试' }).set(auth('officer_a')).expect(200);
    expect(page.text).toContain(`/quizzes/${annualId}`);
  });

  it('should give trainers and admins an exam list with each exam linked to its item analysis, and refuse officers', async () => {
    for (const who of ['trainer', 'admin']) {
      const res = await request(t.http).get('/trainer/exams').set(auth(who)).expect(200);
      expect(res.text).toContain(`/trainer/quizzes/${annualId}/analysis`);
      expect(res.text).toContain(`/trainer/quizzes/${courseQuizId}/analysis`);
    }
    await request(t.http).get('/trainer/exams').set(auth('officer_a')).expect(403);
  });
});
