import { createOrganisation, TEST_PASSWORD } from '../factories/organisation.factory';
import {
  BrowserHarness,
  DESKTOP,
  expectAccessible,
  horizontalOverflow,
  loginThroughForm,
  newPage,
  PHONE,
  screenshot,
  startBrowserHarness,
} from './browser-harness';

describe('Login journey (Chromium)', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
    await createOrganisation(h.t.dataSource);
  });
  afterAll(() => h.close());

  const homes = [
    { username: 'officer_a', title: '我的学习空间' },
    { username: 'trainer', title: '培训管理' },
    { username: 'manager', title: '能力概览' },
    { username: 'admin', title: '系统管理' },
  ];

  it.each(homes)(
    'should show $username the home page of their role and log them out',
    async ({ username, title }) => {
      const { context, page } = await newPage(h, DESKTOP);
      await loginThroughForm(page, h.baseUrl, username, TEST_PASSWORD);
      expect(new URL(page.url()).pathname).toBe('/');
      await expect(page.textContent('[data-testid=home-title]')).resolves.toBe(title);
      await expectAccessible(page, `home of ${username}`);
      await screenshot(page, `home-${username}`);

      await Promise.all([page.waitForNavigation(), page.click('[data-testid=logout]')]);
      expect(new URL(page.url()).pathname).toBe('/login');
      await expectAccessible(page, 'login');
      await page.goto(`${h.baseUrl}/`);
      expect(new URL(page.url()).pathname).toBe('/login');
      await context.close();
    },
  );

  it('should show an error for a wrong password and keep the user on the login page', async () => {
    const { context, page } = await newPage(h, PHONE);
    await loginThroughForm(page, h.baseUrl, 'officer_b', 'not-the-password');
    await expect(page.textContent('.flash-error')).resolves.toContain('用户名或密码错误');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'login error on a phone');
    await screenshot(page, 'login-error-phone');
    await context.close();
  });

  it('should fit the officer home page on a 375 px wide phone', async () => {
    const { context, page } = await newPage(h, PHONE);
    await loginThroughForm(page, h.baseUrl, 'officer_a', TEST_PASSWORD);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'officer home on a phone');
    await screenshot(page, 'home-officer-phone');
    await context.close();
  });
});
