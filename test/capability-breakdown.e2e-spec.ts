import './utils/scoring-fast.env';
import './utils/pass-mark-75.env';
import request from 'supertest';
import type { Course } from '../src/content/entities/course.entity';
import { QuizAttempt } from '../src/quizzes/entities/quiz-attempt.entity';
import type { Quiz } from '../src/quizzes/entities/quiz.entity';
import { CapabilityService } from '../src/scoring/capability.service';
import { createCourse } from './factories/course.factory';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { createBank, createQuiz, keyedAnswers } from './factories/quiz.factory';
import { insertRow } from './factories/report-fixture';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';
import { pageLogin } from './utils/page-session';

jest.setTimeout(60_000);

/**
 * Issue 18's breakdown: per dimension the articles pulling it down (first answers only, numbers and
 * counts, never stems or keys) and why a dimension is 未评定; and 能力达标 with the configured pass
 * mark (75 here) on the API, the stored rows, the officer's pages and the competency report.
 */
describe('capability breakdown: weak articles, 未评定 reasons, the configured pass mark', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createOrganisation>>;
  let paper: Quiz; // q1–q5 prevention, q6–q10 acceptance, q11–q15 handling
  let single: Quiz; // one order question citing article 30
  const tokens: Record<string, string> = {};
  const auth = (name: string) => ({ Authorization: `Bearer ${tokens[name]}` });
  const year = String(new Date().getUTCFullYear());
  /** Articles each question cites (content_citations, as the content import writes them). */
  const cites: Record<number, number[]> = { 1: [9], 2: [9], 3: [9, 22], 4: [14], 5: [14] };

  /** Takes a quiz answering wrong exactly the questions whose id ends in one of `wrongIds` (by question, not position). */
  async function take(name: string, quiz: Quiz, wrongIds: string[] = []): Promise<void> {
    const started = await request(t.http)
      .post(`/api/quizzes/${quiz.id}/attempts`)
      .set(auth(name))
      .expect(201);
    const attempt = await t.dataSource.getRepository(QuizAttempt).findOneByOrFail({ id: started.body.id });
    const answers = await keyedAnswers(t.dataSource, started.body.id, (i) =>
      wrongIds.some((w) => attempt.paper[i].q.endsWith(`-${w}`)),
    );
    await request(t.http)
      .put(`/api/attempts/${started.body.id}/answers`)
      .set(auth(name))
      .send({ answers })
      .expect(200);
    await request(t.http)
      .post(`/api/attempts/${started.body.id}/submit`)
      .set(auth(name))
      .send({})
      .expect(200);
  }
  async function capabilityOf(id: string, as = 'admin') {
    await t.app.get(CapabilityService).scoreOfficer(id);
    return (await request(t.http).get(`/api/users/${id}/capability`).set(auth(as)).expect(200)).body;
  }
  const dim = (body: { dimensions: Array<{ code: string }> }, code: string) =>
    body.dimensions.find((d) => d.code === code) as Record<string, unknown>;

  beforeAll(async () => {
    t = await createTestApp();
    org = await createOrganisation(t.dataSource);
    for (const name of ['admin', 'manager', 'officer_a', 'officer_d']) {
      tokens[name] = await apiLogin(t.http, name, TEST_PASSWORD);
    }
    const course: Course = await createCourse(t.dataSource, { passMark: 60 });
    const dims = ['prevention', 'acceptance', 'handling'] as const;
    const ids = await createBank(t.dataSource, course, 15, (i) => ({
      type: 'single',
      dimension: dims[Math.ceil(i / 5) - 1],
      difficulty: 2,
      articles: cites[i] ?? [22],
    }));
    for (const [i, id] of ids.entries()) {
      for (const articleNo of cites[i + 1] ?? [22]) {
        await insertRow(t.dataSource, 'content_citations', { kind: 'question', itemId: id, articleNo });
      }
    }
    paper = await createQuiz(t.dataSource, course, { questionCount: 15, passMark: 60, attemptsAllowed: 5 });
    const other: Course = await createCourse(t.dataSource, { passMark: 60 });
    const [orderId] = await createBank(t.dataSource, other, 1, () => ({
      type: 'single',
      dimension: 'order',
      difficulty: 2,
      articles: [30],
    }));
    await insertRow(t.dataSource, 'content_citations', { kind: 'question', itemId: orderId, articleNo: 30 });
    single = await createQuiz(t.dataSource, other, { questionCount: 1, passMark: 60, attemptsAllowed: 5 });
  });
  afterAll(() => t.close());

  it('lists per dimension the articles whose first answers were most often wrong, and says why a dimension is 未评定', async () => {
    await take('officer_a', paper, ['q1', 'q2', 'q3', 'q6']);
    await take('officer_a', single, ['q1']);
    const body = await capabilityOf(org.users.officerA.id);
    // prevention: q1–q3 wrong → article 9 wrong 3 of 3, article 22 (q3) 1 of 1; article 14 all right, not listed
    expect(dim(body, 'prevention')).toMatchObject({
      answers: 5,
      correct: 2,
      weakArticles: [
        { article: 9, wrong: 3, answered: 3 },
        { article: 22, wrong: 1, answered: 1 },
      ],
    });
    expect(dim(body, 'acceptance').weakArticles).toEqual([{ article: 22, wrong: 1, answered: 5 }]);
    expect(dim(body, 'handling')).toMatchObject({ rated: true, reason: null, weakArticles: [] });
    // one answer: 未评定 for too few answers, and how many more it needs
    expect(dim(body, 'order')).toMatchObject({
      answers: 1,
      rated: false,
      reason: 'too_few_answers',
      weakArticles: [{ article: 30, wrong: 1, answered: 1 }],
    });
    expect(dim(body, 'order').reasonText).toMatch(/还需 4 道题/);
    expect(dim(body, 'supervision')).toMatchObject({ answers: 0, reason: 'too_few_answers' });
    expect(dim(body, 'supervision').reasonText).toMatch(/还需 5 道题/);
    // 4 of 5 right: enough answers, but the 80 % interval is wider than the limit
    expect(dim(body, 'acceptance')).toMatchObject({ answers: 5, rated: false, reason: 'too_uncertain' });
    expect(dim(body, 'acceptance').reasonText).toMatch(/不够确定/);
    // numbers and counts only: no stem, option or explanation of a question leaves the breakdown
    expect(JSON.stringify(body)).not.toMatch(/题干|解析|optionIds/);

    // a retake after the review: the repeated questions are not first answers, so nothing changes
    await take('officer_a', paper);
    const again = await capabilityOf(org.users.officerA.id);
    expect(again.dimensions.map((d: { weakArticles: unknown }) => d.weakArticles)).toEqual(
      body.dimensions.map((d: { weakArticles: unknown }) => d.weakArticles),
    );

    // the officer's pages link the article text; the manager's view links the drill-down
    const officer = (await pageLogin(t.http, 'officer_a', TEST_PASSWORD)).agent;
    const breakdown = (await officer.get('/my/capability/breakdown').expect(200)).text;
    const prevention = breakdown.match(/<tr data-code="prevention">[\s\S]*?<\/tr>/)![0];
    expect(prevention).toMatch(/<a href="\/regulation\/articles\/9">第九条<\/a> 错 3\/3/);
    expect(prevention).toMatch(/<a href="\/regulation\/articles\/22">第二十二条<\/a> 错 1\/1/);
    expect(breakdown).toMatch(/还需 4 道题/);
    expect(breakdown).not.toMatch(/题干|解析/);
    const own = (await officer.get(`/my/capability?period=${year}`).expect(200)).text;
    expect(own).toMatch(/<a href="\/regulation\/articles\/9">第九条<\/a> 错 3\/3/);
    expect(own).toMatch(/学时：本期 /);
    const manager = (await pageLogin(t.http, 'manager', TEST_PASSWORD)).agent;
    const seen = (await manager.get(`/reports/officers/${org.users.officerA.id}?period=${year}`).expect(200))
      .text;
    // (Handlebars writes = in attribute values as &#x3D;)
    expect(seen).toMatch(
      new RegExp(`href="/reports/articles/9\\?[^"]*userId&#x3D;${org.users.officerA.id}">第九条</a> 错 3/3`),
    );
    expect(seen).toMatch(/还需 4 道题/);
  });

  it('能力达标 uses CAPABILITY_PASS_MARK: 15 right answers reach a lower bound of about 71, 达标 at 60, not at 75', async () => {
    await take('officer_d', paper);
    const body = await capabilityOf(org.users.officerDept.id);
    expect(body.rated).toBe(true);
    expect(body.interval.lower).toBeGreaterThan(60); // the default mark would be met …
    expect(body.interval.lower).toBeLessThan(75);
    expect(body.meetsTarget).toBe(false); // … the configured one is not
    expect(body.targetRule).toEqual({ passMark: 75, dimensionFloor: 45, minRatedDimensions: 3 });
    expect(body.rule).toContain('总分 80% 区间下限 ≥ 75，且已评定维度均不低于 45');
    const [stored] = await t.dataSource.query(
      `SELECT "meetsTarget" FROM capability_scores WHERE "userId" = '${org.users.officerDept.id}'`,
    );
    expect([false, 0]).toContain(stored.meetsTarget);
    // a row stored under another pass mark (60 would have made it 达标) is found, so the start-up warns
    const capability = t.app.get(CapabilityService);
    expect(await capability.staleTargetRows()).toBe(0);
    await t.dataSource.query(
      `UPDATE capability_scores SET "meetsTarget" = ${t.dataSource.options.type === 'postgres' ? 'true' : '1'} WHERE "userId" = '${org.users.officerDept.id}'`,
    );
    expect(await capability.staleTargetRows()).toBe(1);
    await capability.scoreOfficer(org.users.officerDept.id);
    expect(await capability.staleTargetRows()).toBe(0);

    const met = (
      await request(t.http)
        .get(`/api/reports/competency/officers?unitId=${org.units.bureau.id}&period=${year}&status=met`)
        .set(auth('admin'))
        .expect(200)
    ).body;
    expect(met.items.map((o: { username: string }) => o.username)).not.toContain('officer_d');

    const admin = (await pageLogin(t.http, 'admin', TEST_PASSWORD)).agent;
    const report = (
      await admin.get(`/reports/competency?unitId=${org.units.bureau.id}&period=${year}`).expect(200)
    ).text;
    expect(report).toMatch(
      /data-testid="target-rule">达标规则：总分 80% 区间下限 ≥ 75，且已评定维度均不低于 45/,
    );
    const officerD = (await pageLogin(t.http, 'officer_d', TEST_PASSWORD)).agent;
    const page = (await officerD.get('/my/capability/breakdown').expect(200)).text;
    expect(page).toMatch(/未达标/);
    expect(page).toContain('达标规则：总分 80% 区间下限 ≥ 75');
  });
});
