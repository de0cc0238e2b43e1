import { mkdirSync, readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { createTestApp, TestApp } from '../utils/create-test-app';

export const SCREENSHOT_DIR = join(__dirname, '..', '..', 'test-artifacts', 'screenshots');

export interface BrowserHarness {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * The real app on a loopback port and Debian's Chromium driven by playwright-core. Never downloads a
 * browser: CHROMIUM_PATH or /usr/bin/chromium. The flags keep Chromium off the network.
 */
export async function startBrowserHarness(): Promise<BrowserHarness> {
  const t = await createTestApp();
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    t,
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    close: async () => {
      await browser.close();
      await t.close();
    },
  };
}

export const PHONE = {
  viewport: { width: 375, height: 812 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};
export const DESKTOP = { viewport: { width: 1280, height: 860 } };

export async function newPage(
  h: BrowserHarness,
  device: typeof PHONE | typeof DESKTOP = DESKTOP,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await h.browser.newContext({ ...device, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  return { context, page };
}

/** Signs in through the form; the login page and the page it lands on are checked with axe too. */
export async function loginThroughForm(
  page: Page,
  baseUrl: string,
  username: string,
  password: string,
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await expectAccessible(page, 'login page');
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForNavigation(), page.click('[data-testid=login-submit]')]);
  await expectAccessible(page, `after signing in as ${username} (${new URL(page.url()).pathname})`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** A page that is usable on a phone does not scroll sideways. */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
}

const AXE_PATH = require.resolve('axe-core/axe.min.js');
let axeSource: string | undefined;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

/**
 * Runs axe-core (from node_modules, never a CDN) on the page as it is now and fails on any serious or
 * critical violation, listing each rule with the elements it found. It also fails when a heading
 * level is skipped (h1 → h3), which axe reports only as "moderate". Call it on every page a journey
 * visits; `label` names the page in the failure message.
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  // page.addScriptTag would add an inline <script>, which the app's CSP (script-src 'self') blocks, as it
  // should; evaluating the same local file through the DevTools protocol is not subject to the CSP.
  axeSource ??= readFileSync(AXE_PATH, 'utf8');
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(axeSource);
  const violations = await page.evaluate<AxeViolation[]>(`
    axe.run(document, { resultTypes: ['violations'] }).then(function (r) {
      return r.violations.map(function (v) {
        return { id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(function (n) { return { target: n.target }; }) };
      });
    })`);
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} → ${v.nodes
          .slice(0, 5)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
  const levels = await page.evaluate<number[]>(
    "Array.from(document.querySelectorAll('h1,h2,h3,h4,h5,h6')).filter(function (h) { return h.offsetParent !== null || h.getClientRects().length; }).map(function (h) { return Number(h.tagName[1]); })",
  );
  const jumps = levels.flatMap((level, i) =>
    i > 0 && level > levels[i - 1] + 1 ? [`heading jumps from h${levels[i - 1]} to h${level}`] : [],
  );
  if (levels[0] !== undefined && levels[0] !== 1) jumps.unshift(`first heading is h${levels[0]}, not h1`);
  expect({ page: label, problems: [...serious, ...jumps] }).toEqual({ page: label, problems: [] });
}
