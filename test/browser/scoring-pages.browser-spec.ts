import '../utils/scoring-fast.env';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { createOrganisation, TEST_PASSWORD } from '../factories/organisation.factory';
import {
  BrowserHarness,
  horizontalOverflow,
  loginThroughForm,
  PHONE,
  screenshot,
  startBrowserHarness,
} from './browser-harness';

jest.setTimeout(120_000);

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical axe findings (contrast, labels, heading order …) on the current page; the shared layout's footer is left to its owner. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const result = await page.evaluate<Array<{ id: string; impact: string; nodes: unknown[] }>>(
    `axe.run({ exclude: [['footer']] }, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target) })))`,
  );
  return result
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} ${JSON.stringify(v.nodes)}`);
}

describe('scoring pages on a 375 px phone', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startBrowserHarness();
    await createOrganisation(h.t.dataSource);
  });
  afterAll(() => h.close());

  async function phonePage(username: string): Promise<Page> {
    // bypassCSP only so axe can be injected; the pages themselves run under the real policy.
    const context = await h.browser.newContext({
      ...PHONE,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      bypassCSP: true,
    });
    const page = await context.newPage();
    await loginThroughForm(page, h.baseUrl, username, TEST_PASSWORD);
    return page;
  }

  it('an admin starts a full recompute and sees its progress bar', async () => {
    const page = await phonePage('admin');
    await page.goto(`${h.baseUrl}/admin/scoring`);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '立即全员重算' }).click()]);
    await page.getByTestId('scoring-run').first().waitFor();
    await page.getByText('已完成').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('progress').first().getAttribute('value')).toBe('100');
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'scoring-admin-runs-375');
    await page.context().close();
  });

  it('a manager reads the indicator table of their street', async () => {
    const page = await phonePage('manager');
    await page.goto(`${h.baseUrl}/indicators`);
    await page.getByTestId('indicator-table').waitFor();
    await page.getByLabel(/统计期间/).fill('2026-Q4');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '查看' }).click()]);
    await page.getByText('培训覆盖率').first().waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'scoring-indicators-375');
    await page.context().close();
  });

  it('an officer reads 我的能力分', async () => {
    const page = await phonePage('officer_a');
    await page.goto(`${h.baseUrl}/my/capability/breakdown`);
    await page.getByRole('heading', { name: '我的能力分' }).waitFor();
    expect(await page.locator('.capability-score').textContent()).toBe('未评定'); // no answers: cap-2 rates nothing (cap-1.0 showed 50)
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'scoring-my-capability-375');
    await page.context().close();
  });
});
