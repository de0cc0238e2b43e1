import request from 'supertest';
import { AuditLog } from '../src/audit/entities/audit-log.entity';
import { RegulationTextRow } from '../src/regulation/entities/regulation-text.entity';
import { ContentImportService } from '../src/content/import/content-import.service';
import { VALID_CONTENT } from './fixtures/content/content-fixture';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';
import { pageLogin, PageSession } from './utils/page-session';

describe('Regulation pages and API (e2e)', () => {
  let t: TestApp;
  let page: PageSession;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp();
    await createOrganisation(t.dataSource);
    await t.app.get(ContentImportService).importFrom(VALID_CONTENT);
    page = await pageLogin(t.http, 'officer_a', TEST_PASSWORD);
    token = await apiLogin(t.http, 'officer_b', TEST_PASSWORD);
  });
  afterAll(() => t.close());

  it('should have seeded the text from REGULATION_TEXT_PATH at start, without an audit row of nobody', async () => {
    const rows = await t.dataSource.getRepository(RegulationTextRow).find();
    expect(rows).toMatchObject([{ source: 'file', articleCount: 50, loadedById: null }]);
    expect(await t.dataSource.getRepository(AuditLog).countBy({ action: 'regulation.text.load' })).toBe(0);
  });

  it('should send visitors who are not signed in to the login page', async () => {
    const res = await request(t.http).get('/regulation').expect(303);
    expect(res.headers.location).toBe('/login?next=%2Fregulation');
    await request(t.http).get('/api/regulation/articles').expect(401);
  });

  it('should list the six chapters and all 50 articles, each anchored, with our titles', async () => {
    const res = await page.agent.get('/regulation').expect(200);
    expect(res.text).toContain('第三章 信访事项的提出和受理');
    for (const n of [1, 22, 50]) expect(res.text).toContain(`id="article-${n}"`);
    expect(res.text.match(/<article class="card" id="article-\d+"/g)).toHaveLength(50);
    expect(res.text).toContain('信访部门登记');
  });

  it('should show the official text of 第二十二条 when REGULATION_TEXT_PATH is set', async () => {
    const res = await page.agent.get('/regulation').expect(200);
    const article22 = res.text.slice(
      res.text.indexOf('id="article-22"'),
      res.text.indexOf('id="article-23"'),
    );
    expect(article22).toContain('第二十二条');
    expect(article22).toContain('15日内');
    expect(res.text).not.toContain('data-testid="fulltext-missing"');
  });

  it('should find articles by a phrase of the full text', async () => {
    const res = await page.agent.get('/regulation').query({ q: '不得超过5人' }).expect(200);
    expect(res.text).toContain('id="article-20"');
    expect(res.text.match(/<article class="card" id="article-\d+"/g)).toHaveLength(1);
    expect(res.text).toMatch(/data-testid="snippet">原文：[^<]*<mark>不得超过5人<\/mark>/);
    const none = await page.agent.get('/regulation').query({ q: '没有这样的词语' }).expect(200);
    expect(none.text).toContain('data-testid="no-results"');
  });

  it('should show an article with its text and the lessons and question stems that cite it, never answers', async () => {
    const res = await page.agent.get('/regulation/articles/22').expect(200);
    expect(res.text).toContain('15日内');
    expect(res.text).toContain('href="/lessons/fixture-intake-01"');
    expect(res.text).toContain('登记与15日内分类处理');
    expect(res.text).toContain('信访部门收到信访事项后，应当在多少日内区分情况分别处理？');
    expect(res.text).not.toContain('5个工作日'); // an option of that question
    expect(res.text).not.toContain('依据第二十二条，信访部门收到信访事项应当登记'); // its explanation
  });

  it('should answer 404 for an article the regulation does not have', async () => {
    await page.agent.get('/regulation/articles/51').expect(404);
    await page.agent.get('/regulation/articles/abc').expect(404);
    const res = await request(t.http)
      .get('/api/regulation/articles/51')
      .set('Authorization', `Bearer ${token}`)
      .expect(404);
    expect(res.body.code).toBe('REGULATION.ARTICLE_NOT_FOUND');
  });

  it('should take only digits as an article number in the API, like the pages do', async () => {
    for (const n of ['1e1', '0x10', 'abc', '%20']) {
      const res = await request(t.http)
        .get(`/api/regulation/articles/${n}`)
        .set('Authorization', `Bearer ${token}`);
      expect({ n, status: res.status, code: res.body.code }).toEqual({
        n,
        status: 400,
        code: 'VALIDATION.FAILED',
      });
    }
    const ok = await request(t.http)
      .get('/api/regulation/articles/010')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(ok.body.number).toBe(10);
  });

  it('should list articles through the API with citation counts', async () => {
    const res = await request(t.http)
      .get('/api/regulation/articles')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(res.body.total).toBe(50);
    expect(res.body.items).toHaveLength(50);
    expect(res.body.items[19]).toMatchObject({
      number: 20,
      chapter: 3,
      label: '第二十条',
      lessonCount: 1,
      questionCount: 2,
    });
    const page2 = await request(t.http)
      .get('/api/regulation/articles?limit=10&offset=40&q=')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(page2.body.items.map((a: { number: number }) => a.number)).toEqual([
      41, 42, 43, 44, 45, 46, 47, 48, 49, 50,
    ]);
    await request(t.http)
      .get('/api/regulation/articles?limit=500')
      .set('Authorization', `Bearer ${token}`)
      .expect(400);
  });

  it('should return one article through the API with citing lessons and question stems only', async () => {
    const res = await request(t.http)
      .get('/api/regulation/articles/20')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(res.body).toMatchObject({
      number: 20,
      chapterTitle: '第三章 信访事项的提出和受理',
      title: expect.any(String),
    });
    expect(res.body.text).toContain('走访');
    expect(res.body.lessons).toEqual([
      {
        id: 'fixture-intake-02',
        title: '走访与代表人数',
        courseId: 'fixture-intake',
        courseTitle: '测试课程：信访事项的受理',
      },
    ]);
    expect(res.body.questions.map((q: { id: string }) => q.id).sort()).toEqual(['fx-020-01', 'fx-026-01']);
    for (const q of res.body.questions) {
      expect(Object.keys(q).sort()).toEqual(['courseId', 'courseTitle', 'id', 'stem', 'type']);
    }
    expect(JSON.stringify(res.body)).not.toContain('answer');
  });

  describe('search (defect 8)', () => {
    const found = (html: string) =>
      [...html.matchAll(/<article class="card" id="article-(\d+)"/g)].map((m) => Number(m[1]));

    it('should find an article by its number in Arabic or Chinese numerals, that article first', async () => {
      for (const q of ['20', '二十', '第二十条', '第 20 条', ' 第20条 ']) {
        const res = await page.agent.get('/regulation').query({ q }).expect(200);
        expect({ q, first: found(res.text)[0] }).toEqual({ q, first: 20 });
      }
      const api = await request(t.http)
        .get('/api/regulation/articles')
        .query({ q: '二十二' })
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      expect(api.body.items[0].number).toBe(22);
    });

    it('should treat 15日, 十五日 and 15 日 alike and ignore spaces', async () => {
      for (const q of ['十五日', '15 日内', '15日内', '１５日']) {
        const res = await page.agent.get('/regulation').query({ q }).expect(200);
        expect({ q, found: found(res.text).includes(22) }).toEqual({ q, found: true });
      }
      const spaced = await page.agent.get('/regulation').query({ q: '不得 超过 5 人' }).expect(200);
      expect(found(spaced.text)).toEqual([20]);
    });

    it('should highlight the matches with <mark>, escaping the query', async () => {
      const res = await page.agent.get('/regulation').query({ q: '十五日' }).expect(200);
      expect(res.text).toMatch(/<mark>15日<\/mark>内/);
      const hostile = await page.agent
        .get('/regulation')
        .query({ q: '<script>alert(1)</script>' })
        .expect(200);
      expect(hostile.text).not.toContain('<script>alert(1)</script>');
      expect(hostile.text).toContain('&lt;script&gt;');
    });

    it('should keep the results in view after a search (form posts to #results)', async () => {
      const res = await page.agent.get('/regulation').expect(200);
      expect(res.text).toContain('action="/regulation#results"');
      expect(res.text).toContain('id="results"');
    });
  });
});
