import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { TEST_PASSWORD } from '../factories/organisation.factory';
import { createReportFixture } from '../factories/report-fixture';
import {
  BrowserHarness,
  DESKTOP,
  expectAccessible,
  horizontalOverflow,
  loginThroughForm,
  newPage,
  PHONE,
  screenshot,
  SCREENSHOT_DIR,
  startBrowserHarness,
} from './browser-harness';

/** The sub-unit ranking: its chart is drawn and fits its section; the numbers table stays beside it. */
const RANKING = 'section[aria-labelledby="rank-h"]';
async function expectRankingChart(page: Page): Promise<void> {
  const svg = page.locator(`${RANKING} svg.report-chart-svg`);
  expect(await svg.isVisible()).toBe(true);
  const [chart, section] = await Promise.all([svg.boundingBox(), page.locator(RANKING).boundingBox()]);
  expect(chart!.x + chart!.width).toBeLessThanOrEqual(section!.x + section!.width + 0.5);
  expect(await page.locator(`${RANKING} [data-testid=ranking-table]`).isVisible()).toBe(true);
}

/** Issue 12's journey: a manager reads the dashboard, drills down, exports CSV and prints the yearly report. */
describe('Reports journey (Chromium)', () => {
  let h: BrowserHarness;
  let fx: Awaited<ReturnType<typeof createReportFixture>>;
  beforeAll(async () => {
    h = await startBrowserHarness();
    fx = await createReportFixture(h.t.dataSource);
  });
  afterAll(() => h.close());

  it('should let a manager open the dashboard, drill down to an officer and an article, export CSV and print the yearly report', async () => {
    const { context, page } = await newPage(h, DESKTOP);
    await loginThroughForm(page, h.baseUrl, 'manager', TEST_PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('nav.menu a[href="/reports/competency"]')]);
    await page.fill('#rep-period', '2025');
    await Promise.all([page.waitForNavigation(), page.click('form.report-form button[type=submit]')]);
    await expect(page.textContent('[data-testid=tile-capability]')).resolves.toContain('65 分');
    expect(await page.locator('svg.report-chart-svg').count()).toBe(4);
    await expectRankingChart(page);
    await expectAccessible(page, 'dashboard');
    await screenshot(page, 'reports-dashboard');
    await page.locator(RANKING).screenshot({ path: join(SCREENSHOT_DIR, 'reports-ranking.png') });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid=export-csv]'),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain("'=SUM(1,2)");

    await Promise.all([
      page.waitForNavigation(),
      page.locator('[data-testid=officer-table] a', { hasText: '测试officer' }).click(),
    ]);
    await expect(page.textContent('[data-testid=officer-score]')).resolves.toContain('80');
    await expectAccessible(page, 'officer');
    await screenshot(page, 'reports-officer');

    await Promise.all([page.waitForNavigation(), page.locator('a', { hasText: '第三十条' }).first().click()]);
    await expect(page.textContent('h1')).resolves.toContain('第三十条');
    await expect(page.textContent('[data-testid=article-questions]')).resolves.toContain('题干');
    await screenshot(page, 'reports-article');

    await page.goto(`${h.baseUrl}/reports/yearly?unitId=${fx.org.units.streetA.id}&year=2025`);
    await expectAccessible(page, 'yearly');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.topbar').isVisible()).toBe(false);
    await expect(page.textContent('[data-testid=yearly-overview]')).resolves.toContain('培训班 1 期');
    await screenshot(page, 'reports-yearly-print');
    await context.close();
  });

  it('should show the dashboard and an officer’s own capability on a 375 px phone without sideways scrolling', async () => {
    const { context, page } = await newPage(h, PHONE);
    await loginThroughForm(page, h.baseUrl, 'manager', TEST_PASSWORD);
    await page.goto(`${h.baseUrl}/reports/competency?unitId=${fx.org.units.streetA.id}&period=2025`);
    await expectRankingChart(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'dashboard (phone)');
    await screenshot(page, 'reports-dashboard-phone');
    await page.locator(RANKING).screenshot({ path: join(SCREENSHOT_DIR, 'reports-ranking-phone.png') });
    await context.close();
    const officer = await newPage(h, PHONE);
    await loginThroughForm(officer.page, h.baseUrl, 'officer_a', TEST_PASSWORD);
    await officer.page.goto(`${h.baseUrl}/my/capability?period=2025`);
    await expect(officer.page.textContent('[data-testid=officer-score]')).resolves.toContain('80');
    expect(await horizontalOverflow(officer.page)).toBeLessThanOrEqual(0);
    await expectAccessible(officer.page, 'my capability');
    await screenshot(officer.page, 'reports-my-capability-phone');
    await officer.context.close();
  });
});
