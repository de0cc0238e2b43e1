import request from 'supertest';
import { ContentImportService } from '../src/content/import/content-import.service';
import { Lesson } from '../src/content/entities/lesson.entity';
import { VALID_CONTENT } from './fixtures/content/content-fixture';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';
import { pageLogin, PageSession } from './utils/page-session';

describe('Search across courses and lessons (e2e)', () => {
  let t: TestApp;
  let page: PageSession;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp();
    await createOrganisation(t.dataSource);
    await t.app.get(ContentImportService).importFrom(VALID_CONTENT);
    page = await pageLogin(t.http, 'officer_a', TEST_PASSWORD);
    token = await apiLogin(t.http, 'manager', TEST_PASSWORD);
  });
  afterAll(() => t.close());

  const api = (q: Record<string, string>) =>
    request(t.http).get('/api/search').query(q).set('Authorization', `Bearer ${token}`);

  it('should find lessons by title and body, with 十五日 and 15 日 alike, and link to them', async () => {
    for (const q of ['十五日', '15 日内', '代表人数']) {
      const res = await api({ q }).expect(200);
      expect({ q, total: res.body.total > 0 }).toEqual({ q, total: true });
    }
    const res = await api({ q: '十五日' }).expect(200);
    expect(res.body.items).toContainEqual(
      expect.objectContaining({
        kind: 'lesson',
        id: 'fixture-intake-01',
        href: '/lessons/fixture-intake-01',
        courseId: 'fixture-intake',
      }),
    );
    const body = await api({ q: '推选的代表人数' }).expect(200);
    expect(body.body.items.map((h: { id: string }) => h.id)).toEqual(['fixture-intake-02']);
    expect(body.body.items[0].snippet).toContain('推选的代表人数');
    expect(body.body.items[0].snippet).not.toContain('article:20'); // Markdown link targets are not text
  });

  it('should find courses by title and summary', async () => {
    const res = await api({ q: '测试课程' }).expect(200);
    expect(
      res.body.items
        .filter((h: { kind: string }) => h.kind === 'course')
        .map((h: { id: string }) => h.id)
        .sort(),
    ).toEqual(['fixture-handling', 'fixture-intake']);
  });

  it('should not offer retired lessons', async () => {
    await t.dataSource.getRepository(Lesson).update({ id: 'fixture-intake-02' }, { retiredAt: new Date() });
    try {
      const res = await api({ q: '推选的代表人数' }).expect(200);
      expect(res.body.total).toBe(0);
    } finally {
      await t.dataSource.getRepository(Lesson).update({ id: 'fixture-intake-02' }, { retiredAt: null });
    }
  });

  it('should refuse a missing or too long query and anonymous callers', async () => {
    expect((await api({}).expect(400)).body.code).toBe('VALIDATION.FAILED');
    await api({ q: 'x'.repeat(101) }).expect(400);
    await request(t.http).get('/api/search?q=x').expect(401);
    await request(t.http).get('/search?q=x').expect(303);
  });

  it('should show the hits on a page with the matches highlighted and escaped, linked from the menu', async () => {
    const res = await page.agent.get('/search').query({ q: '十五日' }).expect(200);
    expect(res.text).toContain('href="/lessons/fixture-intake-01"');
    expect(res.text).toMatch(/<mark>15日<\/mark>内分类处理/);
    expect(res.text).toContain('action="/search#results"');
    expect(res.text).toContain('href="/search"'); // menu entry
    const script = await page.agent.get('/search').query({ q: '先登记' }).expect(200);
    expect(script.text).not.toContain('alert('); // the lesson's raw <script> was never lesson text
    const hostile = await page.agent.get('/search').query({ q: '<img src=x onerror=alert(1)>' }).expect(200);
    expect(hostile.text).not.toContain('<img src=x');
    const none = await page.agent.get('/search').query({ q: '没有这样的词语' }).expect(200);
    expect(none.text).toContain('data-testid="search-none"');
  });
});
