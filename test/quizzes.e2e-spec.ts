import './utils/quiz-grace.env';
import request from 'supertest';
import { AuditLog } from '../src/audit/entities/audit-log.entity';
import { Certificate } from '../src/completions/entities/certificate.entity';
import { CourseCompletion } from '../src/completions/entities/course-completion.entity';
import { CreditEntry } from '../src/completions/entities/credit-entry.entity';
import { ContentCitation } from '../src/content/entities/citation.entity';
import type { Course } from '../src/content/entities/course.entity';
import { OutboxEvent } from '../src/outbox/entities/outbox-event.entity';
import { QuizAttempt } from '../src/quizzes/entities/quiz-attempt.entity';
import type { Quiz } from '../src/quizzes/entities/quiz.entity';
import { createCourse, createLesson } from './factories/course.factory';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { createBank, createQuiz, keyedAnswers } from './factories/quiz.factory';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';
import { pageLogin } from './utils/page-session';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Quizzes and attempts (e2e)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createOrganisation>>;
  const tokens: Record<string, string> = {};
  const auth = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
  const start = (who: string, quizId: string) =>
    request(t.http).post(`/api/quizzes/${quizId}/attempts`).set(auth(who));
  const save = (who: string, id: string, answers: unknown) =>
    request(t.http).put(`/api/attempts/${id}/answers`).set(auth(who)).send({ answers });
  const submit = (who: string, id: string, body: object = {}) =>
    request(t.http).post(`/api/attempts/${id}/submit`).set(auth(who)).send(body);
  const review = (who: string, id: string) => request(t.http).get(`/api/attempts/${id}`).set(auth(who));
  let course: Course;
  let quiz: Quiz;

  beforeAll(async () => {
    t = await createTestApp();
    org = await createOrganisation(t.dataSource);
    for (const name of ['trainer', 'manager', 'admin', 'officer_a', 'officer_a2', 'officer_b', 'officer_d']) {
      tokens[name] = await apiLogin(t.http, name, TEST_PASSWORD);
    }
    course = await createCourse(t.dataSource, { passMark: 60 });
    const lesson = await createLesson(t.dataSource, course, 1, { articles: [20, 21, 22, 23, 24] });
    await t.dataSource
      .getRepository(ContentCitation)
      .insert(
        lesson.articles.map((articleNo) => ({ kind: 'lesson' as const, itemId: lesson.id, articleNo })),
      );
    await createBank(t.dataSource, course, 30, (i) => ({
      articles: [20 + (i % 5)],
      family: i <= 6 ? `fam-${i % 3}` : null,
    }));
    quiz = await createQuiz(t.dataSource, course, { questionCount: 10, passMark: 60 });
  });
  afterAll(() => t.close());

  it('should describe the quiz and the caller’s attempts without any question content', async () => {
    const res = await request(t.http).get(`/api/quizzes/${quiz.id}`).set(auth('officer_a')).expect(200);
    expect(res.body).toMatchObject({
      id: quiz.id,
      questionCount: 10,
      timeLimitMinutes: 20,
      attemptsAllowed: 3,
      passMark: 60,
      gradingMethod: 'highest',
    });
    expect(res.body.mine).toMatchObject({ attemptsUsed: 0, attemptsLeft: 3, grade: null, openAttempt: null });
    await request(t.http).get('/api/quizzes/no-such-quiz').set(auth('officer_a')).expect(404);
  });

  it('should draw different papers for two officers under the same rules, never two of one family', async () => {
    const a = await start('officer_a2', quiz.id).expect(201);
    const b = await start('officer_b', quiz.id).expect(201);
    const ids = (res: request.Response) => (res.body.questions as Array<{ id: string }>).map((q) => q.id);
    expect(ids(a)).toHaveLength(10);
    expect(ids(b)).toHaveLength(10);
    expect(ids(a).join()).not.toEqual(ids(b).join());
    for (const paper of [ids(a), ids(b)]) {
      const families = paper
        .map((id) => Number(id.split('-q')[1]))
        .filter((n) => n <= 6)
        .map((n) => n % 3);
      expect(new Set(families).size).toBe(families.length);
    }
    // The stored paper keeps the version drawn and the option order shown.
    const stored = await t.dataSource.getRepository(QuizAttempt).findOneByOrFail({ id: a.body.id });
    expect(stored.paper.map((p) => p.q)).toEqual(ids(a));
    expect(stored.paper.map((p) => p.o)).toEqual(
      (a.body.questions as Array<{ options: Array<{ id: string }> }>).map((q) => q.options.map((o) => o.id)),
    );
    await submit('officer_a2', a.body.id).expect(200);
    await submit('officer_b', b.body.id).expect(200);
  });

  it('should create exactly one attempt from 20 parallel starts and resume it afterwards', async () => {
    const responses = await Promise.all(Array.from({ length: 20 }, () => start('officer_a', quiz.id)));
    expect(responses.map((r) => r.status).sort()).toEqual([...Array(19).fill(200), 201].sort());
    const ids = new Set(responses.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    expect(
      await t.dataSource
        .getRepository(QuizAttempt)
        .countBy({ userId: org.users.officerA.id, quizId: quiz.id }),
    ).toBe(1);

    const [id] = [...ids];
    const first = responses[0].body.questions as Array<{ id: string; options: Array<{ id: string }> }>;
    await save('officer_a', id, [{ questionId: first[0].id, optionIds: [first[0].options[0].id] }]).expect(
      200,
    );
    const resumed = await start('officer_a', quiz.id).expect(200);
    expect(resumed.body.id).toBe(id);
    expect(resumed.body.questions).toEqual(responses[0].body.questions);
    expect(resumed.body.answers).toEqual([{ questionId: first[0].id, optionIds: [first[0].options[0].id] }]);
  });

  it('should refuse answers that are not on the paper, and single choices with two options', async () => {
    const { body } = await start('officer_a', quiz.id).expect(200);
    const res = await save('officer_a', body.id, [{ questionId: 'not-on-paper', optionIds: ['A'] }]).expect(
      400,
    );
    expect(res.body.code).toBe('ATTEMPT.ANSWER_INVALID');
    const single = (body.questions as Array<{ id: string; type: string }>).find((q) => q.type === 'single')!;
    expect(
      (await save('officer_a', body.id, [{ questionId: single.id, optionIds: ['A', 'B'] }]).expect(400)).body
        .code,
    ).toBe('ATTEMPT.ANSWER_INVALID');
    expect(
      (await save('officer_a', body.id, [{ questionId: single.id, optionIds: ['Z'] }]).expect(400)).body.code,
    ).toBe('ATTEMPT.ANSWER_INVALID');
    expect((await save('officer_a', body.id, 'nope').expect(400)).body.code).toBe('VALIDATION.FAILED');
  });

  it('should show no answer key, correctness or explanation anywhere before the attempt is finished', async () => {
    const page = await pageLogin(t.http, 'officer_a', TEST_PASSWORD);
    const seen: string[] = [];
    const keep = (res: request.Response) => {
      seen.push(res.text);
      return res;
    };
    keep(await request(t.http).get(`/api/quizzes/${quiz.id}`).set(auth('officer_a')).expect(200));
    const started = keep(await start('officer_a', quiz.id).expect(200));
    const id = started.body.id as string;
    const questions = started.body.questions as Array<{ id: string; options: Array<{ id: string }> }>;
    keep(
      await save(
        'officer_a',
        id,
        questions.map((q) => ({ questionId: q.id, optionIds: [q.options[0].id] })),
      ).expect(200),
    );
    keep(await review('officer_a', id).expect(403));
    keep(await page.agent.get(`/quizzes/${quiz.id}`).expect(200));
    keep(await page.agent.get(`/attempts/${id}/take`).expect(200));
    keep(await page.agent.get(`/courses/${course.id}`).expect(200));
    keep(await page.agent.get(`/attempts/${id}`).expect(303));

    const attempt = await t.dataSource.getRepository(QuizAttempt).findOneByOrFail({ id });
    const explanations = attempt.paper.map((p) => `解析 ${p.q}`);
    for (const text of seen) {
      expect(text).not.toMatch(
        /"(answer|answers?Key|correct|correctOptionIds|isCorrect|credit|explanation|results)"\s*:/,
      );
      for (const explanation of explanations) expect(text).not.toContain(explanation);
      expect(text).not.toMatch(/正确答案<\/span>|你的选择|<strong>解析：/);
    }
    await submit('officer_a', id).expect(200);
  });

  it('should give one graded attempt and identical responses to 20 parallel submits', async () => {
    const { body } = await start('officer_a', quiz.id).expect(201);
    const answers = await keyedAnswers(t.dataSource, body.id, (i) => i < 2);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => submit('officer_a', body.id, { answers })),
    );
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(new Set(responses.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(responses[0].body).toEqual({ id: body.id, state: 'finished', score: 80, passed: true });
    const events = (
      await t.dataSource.getRepository(OutboxEvent).findBy({ type: 'attempt.finished' })
    ).filter((e) => e.payload.includes(body.id));
    expect(events).toHaveLength(1);
    const payload = JSON.parse(events[0].payload);
    expect(payload).toMatchObject({
      userId: org.users.officerA.id,
      quizId: quiz.id,
      score: 80,
      passed: true,
    });
    expect(payload.items).toHaveLength(10);
    expect(payload.items[0]).toEqual({
      questionId: expect.any(String),
      versionId: expect.any(String),
      credit: 0,
      articles: expect.any(Array),
      dimension: 'acceptance',
    });
    // Saving after the end is refused; the answers stay as graded.
    expect((await save('officer_a', body.id, []).expect(409)).body.code).toBe('ATTEMPT.CLOSED');
  });

  it('should review a finished attempt: chosen and correct options, explanation, linked articles, lessons to read again', async () => {
    const attempts = await t.dataSource
      .getRepository(QuizAttempt)
      .find({ where: { userId: org.users.officerA.id, state: 'finished' }, order: { number: 'DESC' } });
    const res = await review('officer_a', attempts[0].id).expect(200);
    expect(res.body).toMatchObject({
      id: attempts[0].id,
      state: 'finished',
      score: 80,
      passed: true,
      review: 'full',
    });
    const wrong = res.body.questions[0];
    expect(wrong.credit).toBe(0);
    expect(wrong.chosenOptionIds).toHaveLength(1);
    expect(wrong.correctOptionIds.length).toBeGreaterThan(0);
    expect(wrong.explanation).toContain('解析');
    expect(wrong.articles[0]).toMatchObject({
      href: expect.stringMatching(/^\/regulation\/articles\/\d+$/),
      label: expect.stringMatching(/^第.+条$/),
    });
    expect(
      wrong.options
        .filter((o: { correct: boolean }) => o.correct)
        .map((o: { id: string }) => o.id)
        .sort(),
    ).toEqual([...wrong.correctOptionIds].sort());
    // The course's lesson cites articles 20-24 (every article of the bank); read-again lists lessons citing the missed questions' articles.
    const missedArticles = new Set<number>(
      res.body.questions
        .filter((q: { credit: number }) => q.credit < 1)
        .flatMap((q: { articles: Array<{ number: number }> }) => q.articles.map((a) => a.number)),
    );
    expect(
      res.body.readAgain.every((l: { articles: Array<{ number: number }> }) =>
        l.articles.every((a) => missedArticles.has(a.number)),
      ),
    ).toBe(true);
    expect(
      res.body.readAgain.map((l: { lessonId: string; href: string }) => [l.lessonId, l.href]),
    ).toContainEqual([`${course.id}-01`, `/lessons/${course.id}-01`]);
    const html = (
      await (
        await pageLogin(t.http, 'officer_a', TEST_PASSWORD)
      ).agent
        .get(`/attempts/${attempts[0].id}`)
        .expect(200)
    ).text;
    expect(html).toContain('正确答案');
    expect(html).toContain('你的选择');
  });

  it('should keep attempts private: another officer 404, a manager outside the unit 404, inside 200, trainer 200', async () => {
    const [mine] = await t.dataSource
      .getRepository(QuizAttempt)
      .find({ where: { userId: org.users.officerA.id, state: 'finished' } });
    await review('officer_b', mine.id).expect(404);
    await submit('officer_b', mine.id).expect(404);
    await save('officer_b', mine.id, []).expect(404);
    await review('manager', mine.id).expect(200);
    await review('trainer', mine.id).expect(200);
    await review('admin', mine.id).expect(200);
    const [bs] = await t.dataSource
      .getRepository(QuizAttempt)
      .find({ where: { userId: org.users.officerB.id } });
    await review('manager', bs.id).expect(404);
    await review('officer_a', 'not-a-uuid').expect(404);
  });

  it('should refuse the review while the attempt is open', async () => {
    const { body } = await start('officer_d', quiz.id).expect(201);
    expect((await review('officer_d', body.id).expect(403)).body.code).toBe('ATTEMPT.REVIEW_NOT_AVAILABLE');
    await submit('officer_d', body.id).expect(200);
    await review('officer_d', body.id).expect(200);
  });

  it('should enforce the attempts limit and a trainer’s extra attempts and time, audit-logged', async () => {
    const limited = await createQuiz(t.dataSource, null, {
      questionCount: 5,
      attemptsAllowed: 1,
      timeLimitMinutes: 10,
      draw: [{ count: 5, courses: [course.id] }],
    });
    const first = await start('officer_b', limited.id).expect(201);
    await submit('officer_b', first.body.id).expect(200);
    expect((await start('officer_b', limited.id).expect(409)).body.code).toBe('QUIZ.NO_ATTEMPTS_LEFT');
    await request(t.http)
      .put(`/api/quizzes/${limited.id}/overrides/${org.users.officerB.id}`)
      .set(auth('officer_b'))
      .send({ extraMinutes: 5, extraAttempts: 1 })
      .expect(403);
    await request(t.http)
      .put(`/api/quizzes/${limited.id}/overrides/${org.users.trainer.id}`)
      .set(auth('trainer'))
      .send({ extraMinutes: 5, extraAttempts: 1 })
      .expect(404);
    await request(t.http)
      .put(`/api/quizzes/${limited.id}/overrides/${org.users.officerB.id}`)
      .set(auth('trainer'))
      .send({ extraMinutes: -1, extraAttempts: 1 })
      .expect(400);
    await request(t.http)
      .put(`/api/quizzes/${limited.id}/overrides/${org.users.officerB.id}`)
      .set(auth('trainer'))
      .send({ extraMinutes: 5, extraAttempts: 1 })
      .expect(200);
    const audit = await t.dataSource
      .getRepository(AuditLog)
      .findOneByOrFail({ action: 'quiz.override', entityId: `${limited.id}:${org.users.officerB.id}` });
    expect(audit.actorUsername).toBe('trainer');
    const second = await start('officer_b', limited.id).expect(201);
    const minutes = (Date.parse(second.body.deadlineAt) - Date.parse(second.body.startedAt)) / 60_000;
    expect(minutes).toBeCloseTo(15, 5);
    await submit('officer_b', second.body.id).expect(200);
    expect((await start('officer_b', limited.id).expect(409)).body.code).toBe('QUIZ.NO_ATTEMPTS_LEFT');

    // Trainers set overrides from the quiz page by username, and see them listed.
    const page = await pageLogin(t.http, 'trainer', TEST_PASSWORD);
    await page.agent
      .post(`/trainer/quizzes/${limited.id}/overrides`)
      .type('form')
      .send({ _csrf: page.csrf, username: 'officer_a2', extraMinutes: '10', extraAttempts: '2' })
      .expect(303);
    const unknown = await page.agent
      .post(`/trainer/quizzes/${limited.id}/overrides`)
      .type('form')
      .send({ _csrf: page.csrf, username: 'nobody', extraMinutes: '0', extraAttempts: '1' })
      .expect(303);
    expect(unknown.headers.location).toContain('error=USER.NOT_FOUND');
    const list = await request(t.http)
      .get(`/api/quizzes/${limited.id}/overrides`)
      .set(auth('trainer'))
      .expect(200);
    expect(
      list.body.items
        .map((o: { username: string; extraAttempts: number }) => [o.username, o.extraAttempts])
        .sort(),
    ).toEqual([
      ['officer_a2', 2],
      ['officer_b', 1],
    ]);
    expect((await page.agent.get(`/quizzes/${limited.id}`).expect(200)).text).toContain('officer_a2');
  });

  it('should close a late submit with the saved answers, ignoring the ones sent after deadline and grace', async () => {
    const quick = await createQuiz(t.dataSource, null, {
      questionCount: 4,
      timeLimitMinutes: 0.02,
      draw: [{ count: 4, courses: [course.id] }],
    });
    const { body } = await start('officer_a2', quick.id).expect(201);
    await save('officer_a2', body.id, await keyedAnswers(t.dataSource, body.id)).expect(200);
    await sleep(1200 + 1000 + 300); // limit 1.2 s + grace 1 s
    const wrong = await keyedAnswers(t.dataSource, body.id, () => true);
    const res = await submit('officer_a2', body.id, { answers: wrong }).expect(200);
    expect(res.body).toMatchObject({ state: 'finished', score: 100 });
    expect(await t.dataSource.getRepository(QuizAttempt).findOneByOrFail({ id: body.id })).toMatchObject({
      closedBy: 'deadline',
    });
  });

  it('should refuse a start once the last attempt ran out of time, and keep that attempt closed and graded', async () => {
    const once = await createQuiz(t.dataSource, null, {
      questionCount: 2,
      attemptsAllowed: 1,
      timeLimitMinutes: 0.01,
      draw: [{ count: 2, courses: [course.id] }],
    });
    const { body } = await start('officer_b', once.id).expect(201);
    await save('officer_b', body.id, await keyedAnswers(t.dataSource, body.id)).expect(200);
    await sleep(600 + 1000 + 300);
    expect((await start('officer_b', once.id).expect(409)).body.code).toBe('QUIZ.NO_ATTEMPTS_LEFT');
    expect(await t.dataSource.getRepository(QuizAttempt).findOneByOrFail({ id: body.id })).toMatchObject({
      state: 'finished',
      closedBy: 'deadline',
      score: 100,
    });
  });

  it('should close an abandoned attempt by the delayed job on the quiz-attempts queue', async () => {
    const quick = await createQuiz(t.dataSource, null, {
      questionCount: 3,
      timeLimitMinutes: 0.01,
      draw: [{ count: 3, courses: [course.id] }],
    });
    const { body } = await start('officer_d', quick.id).expect(201);
    await save('officer_d', body.id, (await keyedAnswers(t.dataSource, body.id)).slice(0, 1)).expect(200);
    let attempt = await t.dataSource.getRepository(QuizAttempt).findOneByOrFail({ id: body.id });
    for (let i = 0; i < 60 && attempt.state === 'open'; i++) {
      await sleep(250);
      attempt = await t.dataSource.getRepository(QuizAttempt).findOneByOrFail({ id: body.id });
    }
    // Nobody read or submitted it: only the job can have closed it.
    expect(attempt).toMatchObject({ state: 'finished', closedBy: 'deadline', openSlot: null });
    expect(attempt.score).toBeCloseTo(33.33, 2);
  });

  it('should complete the course when the quiz is passed after reading every lesson, and not when it is failed', async () => {
    const c = await createCourse(t.dataSource, { passMark: 80, creditHours: 2 });
    const [lesson] = [await createLesson(t.dataSource, c, 1)];
    await createBank(t.dataSource, c, 5);
    const q = await createQuiz(t.dataSource, c, { questionCount: 5, passMark: 80 });
    const userId = org.users.officerA2.id;
    const read = await request(t.http)
      .post(`/api/lessons/${lesson.id}/complete`)
      .set(auth('officer_a2'))
      .expect(200);
    expect(read.body.courseCompleted).toBe(false); // the final quiz is still to pass

    const failed = await start('officer_a2', q.id).expect(201);
    const r1 = await submit('officer_a2', failed.body.id, {
      answers: await keyedAnswers(t.dataSource, failed.body.id, (i) => i < 2),
    }).expect(200);
    expect(r1.body).toMatchObject({ score: 60, passed: false });
    expect(await t.dataSource.getRepository(CourseCompletion).countBy({ userId, courseId: c.id })).toBe(0);

    const passed = await start('officer_a2', q.id).expect(201);
    const r2 = await submit('officer_a2', passed.body.id, {
      answers: await keyedAnswers(t.dataSource, passed.body.id),
    }).expect(200);
    expect(r2.body).toMatchObject({ score: 100, passed: true });
    const [completion] = await t.dataSource
      .getRepository(CourseCompletion)
      .findBy({ userId, courseId: c.id });
    expect(completion).toBeDefined();
    expect(await t.dataSource.getRepository(Certificate).countBy({ completionId: completion.id })).toBe(1);
    expect(await t.dataSource.getRepository(CreditEntry).countBy({ sourceId: completion.id, hours: 2 })).toBe(
      1,
    );
    const completed = (
      await t.dataSource.getRepository(OutboxEvent).findBy({ type: 'course.completed' })
    ).filter((e) => e.payload.includes(completion.id));
    expect(completed).toHaveLength(1);
  });

  it('should grade by the quiz’s method: "first" keeps a failed first attempt whatever comes later', async () => {
    const c = await createCourse(t.dataSource, { passMark: 80 });
    const lesson = await createLesson(t.dataSource, c, 1);
    await createBank(t.dataSource, c, 5);
    const q = await createQuiz(t.dataSource, c, { questionCount: 5, passMark: 80, grading: 'first' });
    await request(t.http).post(`/api/lessons/${lesson.id}/complete`).set(auth('officer_b')).expect(200);
    const a1 = await start('officer_b', q.id).expect(201);
    await submit('officer_b', a1.body.id, {
      answers: await keyedAnswers(t.dataSource, a1.body.id, (i) => i < 3),
    }).expect(200);
    const a2 = await start('officer_b', q.id).expect(201);
    const r2 = await submit('officer_b', a2.body.id, {
      answers: await keyedAnswers(t.dataSource, a2.body.id),
    }).expect(200);
    expect(r2.body.passed).toBe(true); // this attempt passed …
    const info = await request(t.http).get(`/api/quizzes/${q.id}`).set(auth('officer_b')).expect(200);
    expect(info.body.mine).toMatchObject({ grade: 40, passed: false }); // … but the quiz grade is the first attempt's
    expect(
      await t.dataSource
        .getRepository(CourseCompletion)
        .countBy({ userId: org.users.officerB.id, courseId: c.id }),
    ).toBe(0);
  });

  it('should give partial credit for multiple choice only when the quiz says so', async () => {
    const c = await createCourse(t.dataSource);
    await createBank(t.dataSource, c, 2, () => ({ type: 'multiple', answer: ['A', 'B'] }));
    const strict = await createQuiz(t.dataSource, null, {
      questionCount: 2,
      draw: [{ count: 2, courses: [c.id] }],
    });
    const partial = await createQuiz(t.dataSource, null, {
      questionCount: 2,
      partialCredit: true,
      draw: [{ count: 2, courses: [c.id] }],
    });
    const halfRight = (paper: { questions: Array<{ id: string }> }) =>
      paper.questions.map((q) => ({ questionId: q.id, optionIds: ['A'] }));
    const s = await start('officer_d', strict.id).expect(201);
    expect(
      (await submit('officer_d', s.body.id, { answers: halfRight(s.body) }).expect(200)).body.score,
    ).toBe(0);
    const p = await start('officer_d', partial.id).expect(201);
    expect(
      (await submit('officer_d', p.body.id, { answers: halfRight(p.body) }).expect(200)).body.score,
    ).toBe(50);
  });

  it('should give trainers the item analysis of a quiz, per question version, and refuse officers', async () => {
    const finished = await t.dataSource
      .getRepository(QuizAttempt)
      .findBy({ quizId: quiz.id, state: 'finished' });
    const res = await request(t.http)
      .get(`/api/quizzes/${quiz.id}/analysis`)
      .set(auth('trainer'))
      .expect(200);
    expect(res.body).toMatchObject({ quizId: quiz.id, attempts: finished.length });
    const responses = res.body.items.reduce((n: number, i: { responses: number }) => n + i.responses, 0);
    expect(responses).toBe(finished.length * 10);
    for (const item of res.body.items) {
      expect(item.facility).toBeGreaterThanOrEqual(0);
      expect(item.facility).toBeLessThanOrEqual(1);
      expect(item.flags).toContain('few_responses');
      expect(item.versionId).toEqual(expect.any(String));
    }
    await request(t.http).get(`/api/quizzes/${quiz.id}/analysis`).set(auth('officer_a')).expect(403);
    const page = await pageLogin(t.http, 'trainer', TEST_PASSWORD);
    expect((await page.agent.get(`/trainer/quizzes/${quiz.id}/analysis`).expect(200)).text).toContain(
      '区分度',
    );
  });

  it('should keep exams to their audience and open window', async () => {
    const forManagers = await createQuiz(
      t.dataSource,
      null,
      { questionCount: 2, draw: [{ count: 2, courses: [course.id] }] },
      { audience: { roles: ['manager'], units: [] } },
    );
    await request(t.http).get(`/api/quizzes/${forManagers.id}`).set(auth('officer_a')).expect(404);
    const streetB = await createQuiz(
      t.dataSource,
      null,
      { questionCount: 2, draw: [{ count: 2, courses: [course.id] }] },
      { audience: { roles: ['officer'], units: ['乙街道'] } },
    );
    await start('officer_a', streetB.id).expect(404);
    const b = await start('officer_b', streetB.id).expect(201);
    await submit('officer_b', b.body.id).expect(200);
    const later = await createQuiz(
      t.dataSource,
      null,
      { questionCount: 2, draw: [{ count: 2, courses: [course.id] }] },
      { opensAt: new Date(Date.now() + 3600_000) },
    );
    expect((await start('officer_a', later.id).expect(409)).body.code).toBe('QUIZ.NOT_OPEN');
    const closed = await createQuiz(
      t.dataSource,
      null,
      { questionCount: 2, draw: [{ count: 2, courses: [course.id] }] },
      { closesAt: new Date(Date.now() - 1000) },
    );
    expect((await start('officer_a', closed.id).expect(409)).body.code).toBe('QUIZ.CLOSED');
  });
});
