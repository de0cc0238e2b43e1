import request from 'supertest';
import { ContentCitation } from '../src/content/entities/citation.entity';
import { AuditLog } from '../src/audit/entities/audit-log.entity';
import { createCourse } from './factories/course.factory';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { createBank, createQuestion, createQuiz } from './factories/quiz.factory';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';
import { pageLogin } from './utils/page-session';

describe('Practice and the 错题本 (e2e)', () => {
  let t: TestApp;
  let token: string;
  let org: Awaited<ReturnType<typeof createOrganisation>>;
  const auth = () => ({ Authorization: `Bearer ${token}` });
  const answer = (questionId: string, optionIds: string[]) =>
    request(t.http).post('/api/practice/answers').set(auth()).send({ questionId, optionIds }).expect(200);
  const book = async () =>
    (await request(t.http).get('/api/practice/mistakes').set(auth()).expect(200)).body as {
      items: Array<{ questionId: string; streak: number }>;
      total: number;
    };

  beforeAll(async () => {
    t = await createTestApp();
    org = await createOrganisation(t.dataSource);
    token = await apiLogin(t.http, 'officer_a', TEST_PASSWORD);
    const course = await createCourse(t.dataSource);
    await createQuestion(t.dataSource, course, 'pr-1', {
      type: 'single',
      answer: ['B'],
      dimension: 'order',
      articles: [26],
    });
    await createQuestion(t.dataSource, course, 'pr-2', {
      type: 'truefalse',
      answer: ['true'],
      dimension: 'acceptance',
      articles: [22],
    });
    await createQuestion(t.dataSource, course, 'pr-3', {
      type: 'multiple',
      answer: ['A', 'C'],
      dimension: 'acceptance',
      articles: [23],
    });
    await t.dataSource.getRepository(ContentCitation).insert([
      { kind: 'question', itemId: 'pr-1', articleNo: 26 },
      { kind: 'question', itemId: 'pr-2', articleNo: 22 },
      { kind: 'question', itemId: 'pr-3', articleNo: 23 },
    ]);
  });
  afterAll(() => t.close());

  it('should draw a question by dimension or article without its key', async () => {
    const byDimension = await request(t.http)
      .get('/api/practice/question?dimension=order')
      .set(auth())
      .expect(200);
    expect(byDimension.body.question).toMatchObject({
      id: 'pr-1',
      type: 'single',
      dimension: 'order',
      inMistakeBook: false,
    });
    expect(JSON.stringify(byDimension.body)).not.toMatch(/"(answer|correct|correctOptionIds|explanation)"/);
    const byArticle = await request(t.http).get('/api/practice/question?article=23').set(auth()).expect(200);
    expect(byArticle.body.question.id).toBe('pr-3');
    await request(t.http).get('/api/practice/question?article=99').set(auth()).expect(400);
    const none = await request(t.http).get('/api/practice/question?article=1').set(auth()).expect(200);
    expect(none.body.question).toBeNull();
  });

  it('should keep a wrong answer in the 错题本 until it is answered right twice in a row', async () => {
    const wrong = await answer('pr-1', ['A']);
    expect(wrong.body).toMatchObject({
      correct: false,
      correctOptionIds: ['B'],
      inMistakeBook: true,
      streak: 0,
    });
    expect(wrong.body.explanation).toContain('解析');
    expect(wrong.body.articles[0]).toMatchObject({ number: 26, href: '/regulation/articles/26' });
    expect((await book()).items.map((i) => i.questionId)).toEqual(['pr-1']);

    expect((await answer('pr-1', ['B'])).body).toMatchObject({
      correct: true,
      inMistakeBook: true,
      streak: 1,
    });
    expect((await answer('pr-1', ['A'])).body).toMatchObject({
      correct: false,
      inMistakeBook: true,
      streak: 0,
    }); // the run starts over
    expect((await answer('pr-1', ['B'])).body).toMatchObject({
      correct: true,
      inMistakeBook: true,
      streak: 1,
    });
    expect((await answer('pr-1', ['B'])).body).toMatchObject({
      correct: true,
      inMistakeBook: false,
      streak: 2,
      leftMistakeBook: true,
    });
    expect((await book()).total).toBe(0);

    // A question answered right first time never enters the book.
    expect((await answer('pr-3', ['C', 'A'])).body).toMatchObject({ correct: true, inMistakeBook: false });
    expect((await book()).total).toBe(0);
  });

  it('should practise only the 错题本 when asked', async () => {
    expect(
      (await request(t.http).get('/api/practice/question?article=22').set(auth()).expect(200)).body.question
        .id,
    ).toBe('pr-2');
    await answer('pr-2', ['false']);
    for (let i = 0; i < 5; i++) {
      const res = await request(t.http).get('/api/practice/question?mistakes=true').set(auth()).expect(200);
      expect(res.body.question).toMatchObject({ id: 'pr-2', inMistakeBook: true });
    }
    expect(
      (
        await request(t.http)
          .post('/api/practice/answers')
          .set(auth())
          .send({ questionId: 'pr-2', optionIds: ['true', 'false'] })
          .expect(400)
      ).body.code,
    ).toBe('PRACTICE.ANSWER_INVALID');
    await request(t.http)
      .post('/api/practice/answers')
      .set(auth())
      .send({ questionId: 'nope', optionIds: [] })
      .expect(404);
  });

  it('should serve the practice pages: a question, its result with the explanation, and the 错题本', async () => {
    const page = await pageLogin(t.http, 'officer_a', TEST_PASSWORD);
    const form = await page.agent.get('/practice?dimension=order').expect(200);
    expect(form.text).toContain('data-testid="practice-question"');
    expect(form.text).not.toContain('解析');
    const result = await page.agent
      .post('/practice/answer?dimension=order')
      .type('form')
      .send({ _csrf: page.csrf, questionId: 'pr-1', optionIds: 'C' })
      .expect(200);
    expect(result.text).toContain('答错了');
    expect(result.text).toContain('解析：');
    const mistakes = await page.agent.get('/practice/mistakes').expect(200);
    expect(mistakes.text).toContain('题干 pr-1');
  });

  it('should draw any question from the default form 「（不限）」 and give the form back with a Chinese message for a bad value', async () => {
    const page = await pageLogin(t.http, 'officer_a', TEST_PASSWORD);
    // the dimension form as the browser sends it with its default option: `dimension=` (empty)
    const any = await page.agent.get('/practice?dimension=').expect(200);
    expect(any.text).toContain('data-testid="practice-question"');
    expect(any.text).not.toContain('见接口文档');
    // the next-question link keeps practising without a filter
    expect(any.text).toMatch(/action="\/practice\/answer\?dimension(=|&#x3D;)"/);
    for (const bad of ['dimension=nonsense', 'article=0', 'article=abc', 'article=51', 'mistakes=maybe']) {
      const res = await page.agent.get(`/practice?${bad}`).expect(400);
      expect(res.text).toContain('选择练习范围'); // the form itself, not an error page
      expect(res.text).toMatch(/维度|条款|练习错题/);
      expect(res.text).not.toContain('见接口文档');
      expect(res.text).not.toContain('data-testid="practice-question"');
    }
  });

  describe('never a key for a question practice did not hand out, nor one of an open attempt', () => {
    let other: string;
    let officerId: string;
    let bank: string[];
    let quizId: string;
    const as = () => ({ Authorization: `Bearer ${other}` });
    const draw = async (query: string) =>
      (await request(t.http).get(`/api/practice/question?${query}`).set(as()).expect(200)).body.question as {
        id: string;
      } | null;
    const post = (questionId: string, optionIds: string[]) =>
      request(t.http).post('/api/practice/answers').set(as()).send({ questionId, optionIds });
    const refusals = () =>
      t.dataSource.getRepository(AuditLog).findBy({ action: 'practice.answer.refused', actorId: officerId });

    beforeAll(async () => {
      other = await apiLogin(t.http, 'officer_a2', TEST_PASSWORD);
      officerId = org.users.officerA2.id;
      const examCourse = await createCourse(t.dataSource);
      // 21 questions, two of one family: the 20-question paper holds one of the pair, and the other is its near-duplicate.
      bank = await createBank(t.dataSource, examCourse, 20, (i) => ({
        dimension: 'supervision',
        family: i === 1 ? 'fam-pair' : null,
      }));
      await createQuestion(t.dataSource, examCourse, `${examCourse.id}-twin`, {
        dimension: 'supervision',
        family: 'fam-pair',
      });
      bank.push(`${examCourse.id}-twin`);
      quizId = (await createQuiz(t.dataSource, examCourse, { questionCount: 20 })).id;
    });

    it('should refuse every question of the officer’s open attempt (0 keys), audit-logged once, and still answer what practice handed out', async () => {
      // Drawn by practice before the attempt: answered with its key.
      const drawn = (
        await request(t.http).get('/api/practice/question?dimension=supervision').set(as()).expect(200)
      ).body.question as { id: string; options: Array<{ id: string }> };
      const early = drawn.id;
      expect(bank).toContain(early);
      expect((await post(early, [drawn.options[0].id]).expect(200)).body.correctOptionIds).toBeDefined(); // any type: its own first option

      const attempt = await request(t.http).post(`/api/quizzes/${quizId}/attempts`).set(as()).expect(201);
      const paper = (attempt.body.questions as Array<{ id: string }>).map((q) => q.id);
      expect(paper).toHaveLength(20);
      const twin = bank.find((id) => !paper.includes(id))!; // the near-duplicate left off the paper
      expect(twin === `${bank[0]}` || twin.endsWith('-twin')).toBe(true);

      const answers = [];
      for (const id of [...paper, twin]) answers.push(await post(id, ['A']));
      expect(answers.filter((r) => r.body.correctOptionIds !== undefined)).toHaveLength(0);
      expect(answers.map((r) => r.status)).toEqual([...paper, twin].map(() => 403));
      // `early`, handed out before the attempt, is among them: refused too while it (or its twin) is in the open attempt.
      expect([...paper, twin]).toContain(early);
      expect(new Set(answers.map((r) => r.body.code))).toEqual(
        new Set(['PRACTICE.QUESTION_IN_OPEN_ATTEMPT']),
      );
      expect(answers[0].body.message).toContain('正在作答的测验');
      const rows = await refusals();
      expect(rows).toHaveLength(1); // once per officer and reason a minute, not 20 writes
      expect(rows[0]).toMatchObject({
        entityType: 'question',
        after: { reason: 'PRACTICE.QUESTION_IN_OPEN_ATTEMPT' },
      });

      // Practice does not hand out a question of the open attempt either.
      expect(await draw('dimension=supervision')).toBeNull();

      // A question practice handed out, outside the attempt, still answers with its key.
      expect((await draw('dimension=order'))!.id).toBe('pr-1');
      expect((await post('pr-1', ['B']).expect(200)).body).toMatchObject({
        correct: true,
        correctOptionIds: ['B'],
      });

      // The page takes the same path.
      const page = await pageLogin(t.http, 'officer_a2', TEST_PASSWORD);
      const html = await page.agent
        .post('/practice/answer')
        .type('form')
        .send({ _csrf: page.csrf, questionId: paper[1], optionIds: 'A' })
        .expect(403);
      expect(html.text).toContain('正在作答的测验');
      expect(html.text).not.toContain('解析');
    });

    it('should refuse a question practice never handed to this officer, audit-logged', async () => {
      const res = await post('pr-3', ['A', 'C']).expect(403); // drawn for officer_a, never for officer_a2
      expect(res.body.code).toBe('PRACTICE.QUESTION_NOT_HANDED_OUT');
      expect(res.body.correctOptionIds).toBeUndefined();
      expect((await refusals()).map((r) => (r.after as { reason: string }).reason)).toContain(
        'PRACTICE.QUESTION_NOT_HANDED_OUT',
      );
    });
  });
});
