import '../utils/no-regulation-text.env';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ContentImportService } from '../../src/content/import/content-import.service';
import { VALID_CONTENT } from '../fixtures/content/content-fixture';
import { createOrganisation, TEST_PASSWORD } from '../factories/organisation.factory';
import {
  BrowserHarness,
  DESKTOP,
  horizontalOverflow,
  loginThroughForm,
  newPage,
  PHONE,
  screenshot,
  startBrowserHarness,
} from './browser-harness';

const FIXTURE = join(__dirname, '..', 'fixtures', 'regulation', 'regulation-fixture.md');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
/**
 * The grey text, badges and footer of the shared stylesheet fail contrast (defect 13); that fix is
 * the accessibility work's (branch trial-ui). Everything else on these pages must pass.
 */
const SHARED_STYLE_CONTRAST = /^color-contrast: (footer|.*\.muted|.*\.badge)$/;

/** axe-core in the page (evaluated through the DevTools protocol, so the CSP does not block it). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  // A string, not a function: the tests compile without the DOM library.
  const ids = await page.evaluate<string[]>(`axe.run(document).then((result) => result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => v.id + ': ' + n.target.join(' '))))`);
  return ids.filter((id) => !SHARED_STYLE_CONTRAST.test(id));
}

describe('Regulation text, regulation search and course search (Chromium)', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
    await createOrganisation(h.t.dataSource);
    await h.t.app.get(ContentImportService).importFrom(VALID_CONTENT);
  });
  afterAll(() => h.close());

  it('should let an admin load the full text by picking the file, then show it to officers', async () => {
    const { context, page } = await newPage(h, DESKTOP);
    await loginThroughForm(page, h.baseUrl, 'admin', TEST_PASSWORD);
    await page.goto(`${h.baseUrl}/regulation`);
    await page.click('[data-testid=fulltext-admin-hint] a');
    expect(page.url()).toBe(`${h.baseUrl}/admin/regulation-text`);
    await screenshot(page, 'admin-regulation-text-empty');
    await page.setInputFiles('input[type=file][data-text-into]', FIXTURE);
    await page.waitForFunction(`document.getElementById('regulation-text').value.includes('第五十条')`);
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("检查并保存")')]);
    await expect(page.textContent('.flash')).resolves.toContain('条例全文已保存');
    await expect(page.textContent('[data-testid=regulation-text-status]')).resolves.toContain(
      'regulation-fixture.md',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'admin-regulation-text-loaded');
    await context.close();

    const phone = await newPage(h, PHONE);
    await loginThroughForm(phone.page, h.baseUrl, 'admin', TEST_PASSWORD);
    await phone.page.goto(`${h.baseUrl}/admin/regulation-text`);
    expect(await horizontalOverflow(phone.page)).toBe(0);
    await screenshot(phone.page, 'admin-regulation-text-phone');
    await phone.context.close();
  });

  it('should find 第二十条 by 二十 and 十五日 by 15 日, highlighted, on a phone without sideways scrolling', async () => {
    const { context, page } = await newPage(h, PHONE);
    await loginThroughForm(page, h.baseUrl, 'officer_a', TEST_PASSWORD);
    await page.goto(`${h.baseUrl}/regulation`);
    await page.fill('input[name=q]', '二十');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("查找")')]);
    expect(new URL(page.url()).hash).toBe('#results');
    await expect(page.getAttribute('article.card >> nth=0', 'id')).resolves.toBe('article-20');
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'regulation-search-number-phone');
    await page.goto(`${h.baseUrl}/regulation?q=${encodeURIComponent('15 日')}#results`);
    await expect(page.textContent('#article-22 mark')).resolves.toBe('15日');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'regulation-search-days-phone');
    await context.close();
  });

  it('should search courses and lessons from the menu at 1280 px and 375 px', async () => {
    for (const [device, name] of [
      [DESKTOP, 'desktop'],
      [PHONE, 'phone'],
    ] as const) {
      const { context, page } = await newPage(h, device);
      await loginThroughForm(page, h.baseUrl, 'officer_a', TEST_PASSWORD);
      await page.goto(`${h.baseUrl}/search`);
      await page.fill('input[name=q]', '十五日');
      await Promise.all([page.waitForNavigation(), page.click('button:has-text("搜索")')]);
      await expect(page.textContent('[data-testid=search-hits]')).resolves.toContain('登记与15日内分类处理');
      await expect(page.textContent('[data-testid=search-hits] mark >> nth=0')).resolves.toBe('15日');
      expect(await horizontalOverflow(page)).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `search-${name}`);
      await context.close();
    }
  });
});
