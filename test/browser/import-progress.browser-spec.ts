import { createOrganisation, TEST_PASSWORD } from '../factories/organisation.factory';
import {
  BrowserHarness,
  horizontalOverflow,
  loginThroughForm,
  newPage,
  PHONE,
  screenshot,
  startBrowserHarness,
} from './browser-harness';

/** Issue 7: a large CSV import goes to a progress page that follows the queued job to its result; the content-import page. */
describe('Queued user import and content import status (Chromium)', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
    await createOrganisation(h.t.dataSource);
  });
  afterAll(() => h.close());

  it('should follow a large import from the progress bar to its result on a phone', async () => {
    const { context, page } = await newPage(h, PHONE);
    await loginThroughForm(page, h.baseUrl, 'admin', TEST_PASSWORD);
    await page.goto(`${h.baseUrl}/admin/users/import`);
    const rows = Array.from(
      { length: 12 },
      (_, i) => `phone_bulk${i},批量${i},Xinfang-Train-${i}x,officer,甲街道`,
    );
    await page.fill('textarea[name=csv]', ['username,name,password,role,unit', ...rows].join('\n'));
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("检查并导入")')]);
    expect(page.url()).toMatch(/\/admin\/users\/import\/[0-9a-f-]{36}$/);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'admin-import-progress-phone');
    // The page's script polls the JSON status and reloads when the job has ended.
    await page.waitForSelector('[data-testid=import-result]', { timeout: 45_000 });
    await expect(page.textContent('[data-testid=import-result]')).resolves.toContain(
      '导入成功：已创建 12 个用户',
    );
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'admin-import-result-phone');
    await context.close();
  });

  it('should show the content import page on a phone', async () => {
    const { context, page } = await newPage(h, PHONE);
    await loginThroughForm(page, h.baseUrl, 'admin', TEST_PASSWORD);
    await page.goto(`${h.baseUrl}/admin/content`);
    await expect(page.textContent('h1')).resolves.toContain('内容导入状态');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'admin-content-phone');
    await context.close();
  });
});
