import request from 'supertest';
import { ContentCitation } from '../src/content/entities/citation.entity';
import { createCourse } from './factories/course.factory';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { createQuestion } from './factories/quiz.factory';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';
import { pageLogin } from './utils/page-session';

describe('Practice and the 错题本 (e2e)', () => {
  let t: TestApp;
  let token: string;
  const auth = () => ({ Authorization: `Bearer ${token}` });
  const answer = (questionId: string, optionIds: string[]) => request(t.http).post('/api/practice/answers').set(auth()).send({ questionId, optionIds }).expect(200);
  const book = async () => (await request(t.http).get('/api/practice/mistakes').set(auth()).expect(200)).body as { items: Array<{ questionId: string; streak: number }>; total: number };

  beforeAll(async () => {
    t = await createTestApp();
    await createOrganisation(t.dataSource);
    token = await apiLogin(t.http, 'officer_a', TEST_PASSWORD);
    const course = await createCourse(t.dataSource);
    await createQuestion(t.dataSource, course, 'pr-1', { type: 'single', answer: ['B'], dimension: 'order', articles: [26] });
    await createQuestion(t.dataSource, course, 'pr-2', { type: 'truefalse', answer: ['true'], dimension: 'acceptance', articles: [22] });
    await createQuestion(t.dataSource, course, 'pr-3', { type: 'multiple', answer: ['A', 'C'], dimension: 'acceptance', articles: [23] });
    await t.dataSource.getRepository(ContentCitation).insert([
      { kind: 'question', itemId: 'pr-1', articleNo: 26 },
      { kind: 'question', itemId: 'pr-2', articleNo: 22 },
      { kind: 'question', itemId: 'pr-3', articleNo: 23 },
    ]);
  });
  afterAll(() => t.close());

  it('should draw a question by dimension or article without its key', async () => {
    const byDimension = await request(t.http).get('/api/practice/question?dimension=order').set(auth()).expect(200);
    expect(byDimension.body.question).toMatchObject({ id: 'pr-1', type: 'single', dimension: 'order', inMistakeBook: false });
    expect(JSON.stringify(byDimension.body)).not.toMatch(/"(answer|correct|correctOptionIds|explanation)"/);
    const byArticle = await request(t.http).get('/api/practice/question?article=23').set(auth()).expect(200);
    expect(byArticle.body.question.id).toBe('pr-3');
    await request(t.http).get('/api/practice/question?article=99').set(auth()).expect(400);
    const none = await request(t.http).get('/api/practice/question?article=1').set(auth()).expect(200);
    expect(none.body.question).toBeNull();
  });

  it('should keep a wrong answer in the 错题本 until it is answered right twice in a row', async () => {
    const wrong = await answer('pr-1', ['A']);
    expect(wrong.body).toMatchObject({ correct: false, correctOptionIds: ['B'], inMistakeBook: true, streak: 0 });
    expect(wrong.body.explanation).toContain('解析');
    expect(wrong.body.articles[0]).toMatchObject({ number: 26, href: '/regulation/articles/26' });
    expect((await book()).items.map((i) => i.questionId)).toEqual(['pr-1']);

    expect((await answer('pr-1', ['B'])).body).toMatchObject({ correct: true, inMistakeBook: true, streak: 1 });
    expect((await answer('pr-1', ['A'])).body).toMatchObject({ correct: false, inMistakeBook: true, streak: 0 }); // the run starts over
    expect((await answer('pr-1', ['B'])).body).toMatchObject({ correct: true, inMistakeBook: true, streak: 1 });
    expect((await answer('pr-1', ['B'])).body).toMatchObject({ correct: true, inMistakeBook: false, streak: 2, leftMistakeBook: true });
    expect((await book()).total).toBe(0);

    // A question answered right first time never enters the book.
    expect((await answer('pr-3', ['C', 'A'])).body).toMatchObject({ correct: true, inMistakeBook: false });
    expect((await book()).total).toBe(0);
  });

  it('should practise only the 错题本 when asked', async () => {
    await answer('pr-2', ['false']);
    for (let i = 0; i < 5; i++) {
      const res = await request(t.http).get('/api/practice/question?mistakes=true').set(auth()).expect(200);
      expect(res.body.question).toMatchObject({ id: 'pr-2', inMistakeBook: true });
    }
    expect((await request(t.http).post('/api/practice/answers').set(auth()).send({ questionId: 'pr-2', optionIds: ['true', 'false'] }).expect(400)).body.code).toBe('PRACTICE.ANSWER_INVALID');
    await request(t.http).post('/api/practice/answers').set(auth()).send({ questionId: 'nope', optionIds: [] }).expect(404);
  });

  it('should serve the practice pages: a question, its result with the explanation, and the 错题本', async () => {
    const page = await pageLogin(t.http, 'officer_a', TEST_PASSWORD);
    const form = await page.agent.get('/practice?dimension=order').expect(200);
    expect(form.text).toContain('data-testid="practice-question"');
    expect(form.text).not.toContain('解析');
    const result = await page.agent.post('/practice/answer?dimension=order').type('form').send({ _csrf: page.csrf, questionId: 'pr-1', optionIds: 'C' }).expect(200);
    expect(result.text).toContain('答错了');
    expect(result.text).toContain('解析：');
    const mistakes = await page.agent.get('/practice/mistakes').expect(200);
    expect(mistakes.text).toContain('题干 pr-1');
  });
});
