import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { AppConfig } from '../src/config/app-config';
import { ContentBootstrapService } from '../src/content/content-bootstrap.service';
import { ContentImportStatusService } from '../src/content/import/content-import-status.service';
import { ContentImportService } from '../src/content/import/content-import.service';
import { loadContent } from '../src/content/loader/load-content';
import {
  copyContent,
  removeContentCopies,
  replaceIn,
  VALID_CONTENT,
} from './fixtures/content/content-fixture';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';
import { pageLogin } from './utils/page-session';

const INTAKE_BANK = 'courses/fixture-intake/questions/bank.yaml';
const DANGLING = 'courses/fixture-intake/lessons/99-gone.md';

/** Issue 7, finding 9: a dangling symlink is one more file problem, and the outcome is shown to admins. */
describe('Content import status (e2e)', () => {
  let t: TestApp;
  let broken: string;
  beforeAll(async () => {
    t = await createTestApp();
    await createOrganisation(t.dataSource);
    broken = copyContent();
    symlinkSync(join(broken, 'no-such-file.md'), join(broken, DANGLING));
    replaceIn(broken, INTAKE_BANK, 'answer: B', 'answer: E');
  });
  afterAll(async () => {
    await t.close();
    removeContentCopies();
  });

  const bootWith = (dir: string) => {
    const config = {
      get: (key: string) => ({ CONTENT_IMPORT_ON_START: true, CONTENT_DIR: dir })[key],
    } as unknown as AppConfig;
    return new ContentBootstrapService(
      config,
      t.app.get(ContentImportService),
      t.app.get(ContentImportStatusService),
    ).onApplicationBootstrap();
  };

  it('should report a dangling symlink as a file problem and keep collecting the others', () => {
    const { problems } = loadContent(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: DANGLING,
          line: 1,
          code: 'FILE_UNREADABLE',
          message: expect.stringContaining('符号链接'),
        }),
        expect.objectContaining({ file: INTAKE_BANK, code: 'ANSWER_NOT_OPTION' }),
      ]),
    );
  });

  it('should show admins that the old content was kept, with every problem as file:line', async () => {
    await bootWith(VALID_CONTENT);
    await bootWith(broken);
    const admin = await pageLogin(t.http, 'admin', TEST_PASSWORD);
    const page = await admin.agent.get('/admin/content').expect(200);
    expect(page.text).toContain('仍在使用上一次导入的内容');
    expect(page.text).toContain('共 2 处问题');
    expect(page.text).toContain(`${DANGLING}:1`);
    expect(page.text).toMatch(new RegExp(`${INTAKE_BANK}:\\d+`));
    const officer = await pageLogin(t.http, 'officer_a', TEST_PASSWORD);
    await officer.agent.get('/admin/content').expect(403);
  });

  it('should put the last import in the admin health details and keep it out of the public /health', async () => {
    const token = await apiLogin(t.http, 'admin', TEST_PASSWORD);
    const details = await request(t.http)
      .get('/api/health/details')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(details.body.content).toMatchObject({
      outcome: 'kept_previous',
      problemCount: 2,
      finishedAt: expect.any(String),
    });
    expect(details.body.content.problems.map((p: { code: string }) => p.code).sort()).toEqual([
      'ANSWER_NOT_OPTION',
      'FILE_UNREADABLE',
    ]);
    const open = await request(t.http).get('/health').expect(200);
    expect(JSON.stringify(open.body)).not.toMatch(/content|problem/);
  });

  it('should show a clean import as ok after the tree is fixed', async () => {
    await bootWith(VALID_CONTENT);
    const admin = await pageLogin(t.http, 'admin', TEST_PASSWORD);
    const page = await admin.agent.get('/admin/content').expect(200);
    expect(page.text).toContain('导入成功');
  });
});
