import '../utils/scoring-fast.env';
import type { Page } from 'playwright-core';
import { createOrganisation, TEST_PASSWORD } from '../factories/organisation.factory';
import { join } from 'node:path';
import {
  BrowserHarness,
  DESKTOP,
  SCREENSHOT_DIR,
  expectAccessible,
  horizontalOverflow,
  loginThroughForm,
  PHONE,
  screenshot,
  startBrowserHarness,
} from './browser-harness';
import { gbk } from '../utils/gbk';

jest.setTimeout(120_000);

describe('indicator import and the 绩效 table at 375 px and 1280 px', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startBrowserHarness();
    await createOrganisation(h.t.dataSource);
  });
  afterAll(() => h.close());

  async function signedIn(username: string, device: typeof PHONE | typeof DESKTOP): Promise<Page> {
    const context = await h.browser.newContext({
      ...device,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      bypassCSP: true,
    });
    const page = await context.newPage();
    await loginThroughForm(page, h.baseUrl, username, TEST_PASSWORD);
    return page;
  }

  for (const [label, device, period] of [
    ['375', PHONE, '2025-Q3'],
    ['1280', DESKTOP, '2025-Q4'],
  ] as const) {
    it(`an admin picks a GBK file, checks the preview and confirms it (${label} px)`, async () => {
      const page = await signedIn('admin', device);
      await page.goto(`${h.baseUrl}/indicators`);
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: '导入局指标' }).click()]);
      const csv = `单位,期间,指标,分子,分母\n甲街道,${period},及时受理率,197,200\n乙街道,${period},及时受理率,90,100\n`;
      await page
        .getByLabel('选择 CSV 文件')
        .setInputFiles({ name: '指标.csv', mimeType: 'text/csv', buffer: gbk(csv) });
      await page.waitForFunction('document.getElementById("ind-file-bytes").value !== ""');
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '检查' }).click()]);
      await page.getByTestId('indicator-import-preview').waitFor();
      expect(await page.getByText('文件按 GBK 编码读取').count()).toBe(1);
      expect(await page.getByTestId('indicator-import-preview').textContent()).toContain('甲街道');
      expect(await horizontalOverflow(page)).toBe(0);
      await expectAccessible(page, 'indicator import preview');
      await screenshot(page, `indicator-import-preview-${label}`);
      await Promise.all([
        page.waitForNavigation(),
        page.getByRole('button', { name: '确认导入 2 行' }).click(),
      ]);
      await page.getByText('导入成功：已保存 2 个指标值').waitFor();

      await page.goto(`${h.baseUrl}/indicators?period=${period}`);
      await page.getByTestId('indicator-table').waitFor();
      const table = (await page.getByTestId('indicator-table').textContent()) ?? '';
      for (const text of ['一级指标', '学时达标率', '年度考试合格率', '95.67%']) {
        expect(table).toContain(text);
      }
      expect(await horizontalOverflow(page)).toBe(0);
      await expectAccessible(page, 'indicator table');
      await screenshot(page, `indicator-table-${label}`);
      await page.getByTestId('indicator-table').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOT_DIR, `indicator-table-${label}-first-screen.png`) });
      await page.context().close();
    });
  }

  it('a manager writes 偏差原因 and 改进措施 for their street on a phone', async () => {
    const page = await signedIn('manager', PHONE);
    await page.goto(`${h.baseUrl}/indicators?period=2025-Q3`);
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: '填写' }).first().click()]);
    await page.getByLabel(/偏差原因/).fill('两名干部病假，未参加培训');
    await page.getByLabel(/改进措施/).fill('四季度安排补训');
    expect(await horizontalOverflow(page)).toBe(0);
    await expectAccessible(page, 'indicator note form');
    await screenshot(page, 'indicator-note-375');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '保存' }).click()]);
    expect(await page.getByTestId('indicator-table').textContent()).toContain('两名干部病假，未参加培训');
    await page.context().close();
  });
});
