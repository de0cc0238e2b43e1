import request from 'supertest';
import { ContentImportService } from '../src/content/import/content-import.service';
import { VALID_CONTENT } from './fixtures/content/content-fixture';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';
import { pageLogin, PageSession } from './utils/page-session';

/** Issue 19: the regulation search finds what officers type (over the project's excerpt of the 2022 text). */
describe('Regulation search: punctuation, several words, officers’ terms (e2e)', () => {
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

  const apiFound = async (q: string) => {
    const res = await request(t.http)
      .get('/api/regulation/articles')
      .query({ q, limit: 100 })
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    return res.body as { total: number; items: Array<{ number: number; snippet: string | null }> };
  };
  const pageFound = async (q: string) => {
    const res = await page.agent.get('/regulation').query({ q }).expect(200);
    return {
      html: res.text,
      numbers: [...res.text.matchAll(/<article class="card" id="article-(\d+)"/g)].map((m) => Number(m[1])),
    };
  };

  it.each([
    ['谁主管谁负责', [5, 22]],
    ['属地管理分级负责', [5, 22]],
    ['推诿敷衍拖延', [28, 40]],
    ['复查 期限', [36]],
    ['督查督办', [38, 40]],
    ['越级', [20]],
    ['上访', [20, 22]],
    ['重复信访', [36]],
    ['十五天', [22]],
    ['诉访分离', [28]],
  ])('should find %s in articles %j, through the API and the page', async (q, articles) => {
    const api = await apiFound(q);
    const page = await pageFound(q);
    for (const n of articles) {
      expect({ q, n, api: api.items.some((a) => a.number === n), page: page.numbers.includes(n) }).toEqual({
        q,
        n,
        api: true,
        page: true,
      });
    }
  });

  it('should need every word of a spaced query and mark each of them', async () => {
    const both = await apiFound('复查 期限');
    expect(both.items.map((a) => a.number)).toEqual([36]);
    const { html } = await pageFound('复查 期限');
    expect(html).toContain('<mark>复查</mark>');
    expect(html).toContain('<mark>期限</mark>');
    // 期限 alone is in more articles; with a word no article has, nothing matches.
    expect((await apiFound('期限')).total).toBeGreaterThan(1);
    expect((await apiFound('复查 没有这样的词语')).total).toBe(0);
  });

  it('should mark the text’s own words across its punctuation and for officers’ terms', async () => {
    const { html } = await pageFound('谁主管谁负责');
    expect(html).toContain('<mark>谁主管、谁负责</mark>');
    const terms = await pageFound('督查督办');
    expect(terms.html).toContain('<mark>督办</mark>');
    expect(terms.html).toContain('<mark>督查</mark>');
    const days = await apiFound('十五天');
    expect(days.items.find((a) => a.number === 22)?.snippet).toContain('15日');
  });

  it('should keep an article-number query as before: that article first, matched as one phrase', async () => {
    const spaced = await apiFound('第 20 条');
    expect(spaced.items[0].number).toBe(20);
    expect(spaced.items.map((a) => a.number)).toEqual([20, 47]); // 第四十七条 cites 第二十条
  });
});
