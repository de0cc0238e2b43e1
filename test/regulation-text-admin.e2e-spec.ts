import './utils/no-regulation-text.env';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { AuditLog } from '../src/audit/entities/audit-log.entity';
import { ContentImportService } from '../src/content/import/content-import.service';
import { RegulationTextRow } from '../src/regulation/entities/regulation-text.entity';
import { RegulationTextService } from '../src/regulation/regulation-text.service';
import { RegulationTextInvalidError } from '../src/regulation/regulation.errors';
import { VALID_CONTENT } from './fixtures/content/content-fixture';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { createTestApp, TestApp } from './utils/create-test-app';
import { pageLogin, PageSession } from './utils/page-session';

const FIXTURE = readFileSync(join(__dirname, 'fixtures', 'regulation', 'regulation-fixture.md'), 'utf8');
/** The 2005 《信访条例》's shape with 第五十一条 removed (50 articles): accepted before issue 19. */
const CUT_2005 = readFileSync(join(__dirname, 'fixtures', 'regulation', 'regulation-2005-cut.md'), 'utf8');

describe('Loading the full 条例 text from the admin pages (e2e)', () => {
  let t: TestApp;
  let officer: PageSession;
  let admin: PageSession;

  beforeAll(async () => {
    t = await createTestApp();
    await createOrganisation(t.dataSource);
    await t.app.get(ContentImportService).importFrom(VALID_CONTENT);
    officer = await pageLogin(t.http, 'officer_a', TEST_PASSWORD);
    admin = await pageLogin(t.http, 'admin', TEST_PASSWORD);
  });
  afterAll(() => t.close());

  it('should show officers the summaries and nothing about configuration while there is no text', async () => {
    for (const path of ['/regulation', '/regulation/articles/22']) {
      const res = await officer.agent.get(path).expect(200);
      expect(res.text).toContain('信访部门登记并在15日内分类处理');
      expect(res.text).not.toMatch(
        /REGULATION_TEXT_PATH|未配置|配置全文|fulltext-missing|fulltext-admin-hint|regulation-text"/,
      );
    }
  });

  it('should show admins a hint that links to the upload page', async () => {
    for (const path of ['/regulation', '/regulation/articles/22']) {
      const res = await admin.agent.get(path).expect(200);
      expect(res.text).toContain('data-testid="fulltext-admin-hint"');
      expect(res.text).toContain('href="/admin/regulation-text"');
    }
  });

  it('should let only admins open the upload page', async () => {
    await officer.agent.get('/admin/regulation-text').expect(403);
    await request(t.http).get('/admin/regulation-text').expect(303);
    const res = await admin.agent.get('/admin/regulation-text').expect(200);
    expect(res.text).toContain('还没有载入条例全文');
  });

  it('should refuse a text that is not 50 articles, naming each problem in Chinese, and store nothing', async () => {
    const broken = FIXTURE.replace(/^第二十条 .*$/m, '').replace('第三条 ', '第二条 ');
    const res = await admin.agent
      .post('/admin/regulation-text')
      .type('form')
      .send({ _csrf: admin.csrf, text: broken })
      .expect(400);
    expect(res.text).toContain('条例全文没有通过检查（3 处问题），未保存。');
    expect(res.text).toMatch(/第 \d+ 行：第二条重复或顺序颠倒（上一条是第二条）/);
    expect(res.text).toMatch(/第 \d+ 行：缺少第二十条（上一条是第十九条，这里是第二十一条）/);
    expect(res.text).toContain('第二十一条'); // the text stays in the form to be corrected
    const empty = await admin.agent
      .post('/admin/regulation-text')
      .type('form')
      .send({ _csrf: admin.csrf, text: '' })
      .expect(400);
    expect(empty.text).toContain('内容为空');
    expect(await t.dataSource.getRepository(RegulationTextRow).count()).toBe(0);
  });

  it('should refuse the 2005 《信访条例》 with 第五十一条 removed, saying which checks failed, and store nothing', async () => {
    const res = await admin.agent
      .post('/admin/regulation-text')
      .type('form')
      .send({ _csrf: admin.csrf, text: CUT_2005, fileName: 'xinfang-2005.md' })
      .expect(400);
    expect(res.text).toContain(
      '上传的不是2022年《信访工作条例》（标题、章标题、第五十条施行日期不符），未保存。',
    );
    expect(res.text).toContain('标题是“信访条例”，这是2005年国务院《信访条例》');
    expect(res.text).toContain(
      '章标题是“第二章 信访渠道”，2022年《信访工作条例》的这一章是“第二章 信访工作体制”',
    );
    expect(res.text).toContain('第五十条应是“本条例自2022年5月1日起施行。”');
    expect(res.text).not.toContain('REGULATION.TEXT_NOT_2022'); // pages show reasons, never codes
    // The service behind the page answers with the stable code and every problem.
    const error = await t.app
      .get(RegulationTextService)
      .store({ id: null, username: null }, CUT_2005.replace('# 信访条例', '# 信访工作条例'), 'upload', null)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegulationTextInvalidError);
    expect(error).toMatchObject({ code: 'REGULATION.TEXT_NOT_2022' });
    expect((error as RegulationTextInvalidError).getResponse()).toMatchObject({
      statusCode: 400,
      code: 'REGULATION.TEXT_NOT_2022',
      errors: expect.arrayContaining([expect.objectContaining({ check: 'effective-date' })]),
    });
    expect(await t.dataSource.getRepository(RegulationTextRow).count()).toBe(0);
  });

  it('should refuse the form without the CSRF token', async () => {
    await admin.agent.post('/admin/regulation-text').type('form').send({ text: FIXTURE }).expect(403);
  });

  it('should store a valid text, audit-log it and show it on the regulation pages at once', async () => {
    const res = await admin.agent
      .post('/admin/regulation-text')
      .type('form')
      .send({ _csrf: admin.csrf, text: FIXTURE, fileName: 'regulation-2022.md' })
      .expect(303);
    expect(res.headers.location).toBe('/admin/regulation-text?saved=1');
    const status = await admin.agent.get(res.headers.location).expect(200);
    expect(status.text).toContain('条例全文已保存');
    expect(status.text).toContain('共 50 条');
    expect(status.text).toContain('admin 上传（regulation-2022.md）');

    const rows = await t.dataSource.getRepository(RegulationTextRow).find();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ articleCount: 50, source: 'upload', loadedByUsername: 'admin' });
    const audit = await t.dataSource
      .getRepository(AuditLog)
      .findOneByOrFail({ action: 'regulation.text.load' });
    expect(audit).toMatchObject({
      actorUsername: 'admin',
      entityType: 'regulation_text',
      entityId: String(rows[0].id),
    });

    const article = await officer.agent.get('/regulation/articles/22').expect(200);
    expect(article.text).toContain('data-testid="article-text"');
    expect(article.text).toContain('在15日内分别按照下列方式处理');
    const index = await admin.agent.get('/regulation').expect(200);
    expect(index.text).not.toContain('fulltext-admin-hint');
  });

  it('should keep one row when the same text is loaded again', async () => {
    const res = await admin.agent
      .post('/admin/regulation-text')
      .type('form')
      .send({ _csrf: admin.csrf, text: FIXTURE })
      .expect(303);
    expect(res.headers.location).toBe('/admin/regulation-text?saved=same');
    expect(await t.dataSource.getRepository(RegulationTextRow).count()).toBe(1);
  });
});
