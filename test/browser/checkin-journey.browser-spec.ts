import { createOrganisation, TEST_PASSWORD } from '../factories/organisation.factory';
import { obliterateQueues } from '../utils/queues';
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

const MIN = 60_000;
/** `<input type="datetime-local">` value in Shanghai (the browser contexts run in Asia/Shanghai too). */
const local = (offsetMinutes: number) =>
  new Date(Date.now() + offsetMinutes * MIN + 8 * 3600_000).toISOString().slice(0, 16);

/** The journey: the trainer shows the rotating code, an officer checks in on a phone, the roster shows it. */
describe('Check-in journey (Chromium)', () => {
  let h: BrowserHarness;
  let sessionPath: string;

  beforeAll(async () => {
    h = await startBrowserHarness();
    await createOrganisation(h.t.dataSource);
  });
  afterAll(async () => {
    await obliterateQueues(h.t.app, ['sessions', 'notices']);
    await h.close();
  });

  it('should let a trainer create a session and open the check-in screen, and an officer check in on a phone', async () => {
    const trainer = await newPage(h, DESKTOP);
    await loginThroughForm(trainer.page, h.baseUrl, 'trainer', TEST_PASSWORD);
    await trainer.page.goto(`${h.baseUrl}/trainer/sessions/new`);
    await trainer.page.fill('input[name=title]', '《信访工作条例》专题培训班');
    await trainer.page.fill('input[name=startsAt]', local(10));
    await trainer.page.fill('input[name=endsAt]', local(130));
    await trainer.page.fill('input[name=location]', '区信访局三楼会议室');
    await trainer.page.locator('label.check', { hasText: '甲街道' }).first().locator('input').check();
    await screenshot(trainer.page, 'trainer-session-form');
    await Promise.all([trainer.page.waitForNavigation(), trainer.page.click('[data-testid=session-submit]')]);
    sessionPath = new URL(trainer.page.url()).pathname;
    expect(sessionPath).toMatch(/^\/trainer\/sessions\/[0-9a-f-]{36}$/);
    await expect(trainer.page.textContent('[data-testid=roster]')).resolves.toContain('officer_a');

    await Promise.all([
      trainer.page.waitForNavigation(),
      trainer.page.click('[data-testid=open-check-in-screen]'),
    ]);
    const code = ((await trainer.page.textContent('[data-testid=check-in-code]')) ?? '').trim();
    expect(code).toMatch(/^\d{6}$/);
    expect(await trainer.page.locator('[data-testid=check-in-qr] svg').count()).toBe(1);
    await screenshot(trainer.page, 'trainer-check-in-screen');

    const officer = await newPage(h, PHONE);
    await loginThroughForm(officer.page, h.baseUrl, 'officer_a', TEST_PASSWORD);
    await officer.page.goto(`${h.baseUrl}/my/sessions`);
    await expect(officer.page.textContent('[data-testid=my-upcoming]')).resolves.toContain('专题培训班');
    expect(await horizontalOverflow(officer.page)).toBeLessThanOrEqual(0);
    await screenshot(officer.page, 'officer-my-sessions-phone');
    await Promise.all([officer.page.waitForNavigation(), officer.page.click('[data-testid=my-upcoming] a')]);
    expect(await horizontalOverflow(officer.page)).toBeLessThanOrEqual(0);
    await screenshot(officer.page, 'officer-session-phone');
    await Promise.all([officer.page.waitForNavigation(), officer.page.click('[data-testid=go-check-in]')]);
    // the code the screen shows now (it may have turned since it was read; the previous one is accepted too)
    const shown = ((await trainer.page.textContent('[data-testid=check-in-code]')) ?? '').trim();
    await officer.page.fill('input[name=code]', shown);
    await screenshot(officer.page, 'officer-check-in-phone');
    await Promise.all([
      officer.page.waitForNavigation(),
      officer.page.click('[data-testid=check-in-submit]'),
    ]);
    await expect(officer.page.textContent('[data-testid=check-in-result]')).resolves.toContain('签到成功');
    expect(await horizontalOverflow(officer.page)).toBeLessThanOrEqual(0);
    await screenshot(officer.page, 'officer-checked-in-phone');

    // the screen's script refreshes the count; the roster shows the officer present
    await trainer.page
      .locator('[data-testid=checked-in-count]', { hasText: /^1$/ })
      .waitFor({ timeout: 15_000 });
    await trainer.page.goto(`${h.baseUrl}${sessionPath}`);
    await expect(trainer.page.textContent('tr[data-user=officer_a] [data-testid=status]')).resolves.toContain(
      '出席',
    );
    await screenshot(trainer.page, 'trainer-roster-after-check-in');
    await trainer.context.close();
    await officer.context.close();
  });

  it('should show the officer’s messages on a 375 px phone with the unread badge', async () => {
    const trainer = await newPage(h, DESKTOP);
    await loginThroughForm(trainer.page, h.baseUrl, 'trainer', TEST_PASSWORD);
    await trainer.page.goto(`${h.baseUrl}/trainer/notices`);
    await trainer.page.fill('input[name=title]', '关于参加专题培训班的通知');
    await trainer.page.fill('input[name=noticeNumber]', '区信访局〔2026〕15号');
    await trainer.page.fill('textarea[name=body]', '请甲街道全体信访干部按时参加培训，并提前十分钟签到。');
    await trainer.page
      .locator('[data-testid=notice-form] label.check', { hasText: '甲街道' })
      .first()
      .locator('input')
      .check();
    await Promise.all([trainer.page.waitForNavigation(), trainer.page.click('[data-testid=notice-submit]')]);
    // sending asks first, with the recipient count (issue 21, defect 4)
    await expect(trainer.page.textContent('[data-testid=notice-recipient-count]')).resolves.toMatch(
      /将发送给 [1-9]\d* 人/,
    );
    await Promise.all([
      trainer.page.waitForNavigation(),
      trainer.page.click('[data-testid=notice-confirm-send]'),
    ]);
    await expect(trainer.page.textContent('[data-testid=recipients]')).resolves.toMatch(/\d/);

    const officer = await newPage(h, PHONE);
    await loginThroughForm(officer.page, h.baseUrl, 'officer_a', TEST_PASSWORD);
    await officer.page.goto(`${h.baseUrl}/notifications`);
    await expect(officer.page.textContent('[data-testid=notification-list]')).resolves.toContain(
      '关于参加专题培训班的通知',
    );
    expect(await officer.page.locator('[data-testid=unread-badge]').count()).toBe(1);
    expect(await horizontalOverflow(officer.page)).toBeLessThanOrEqual(0);
    await screenshot(officer.page, 'officer-notifications-phone');
    await Promise.all([
      officer.page.waitForNavigation(),
      officer.page.locator('[data-testid=notification-list] button').first().click(),
    ]);
    await expect(officer.page.textContent('[data-testid=notice-body]')).resolves.toContain('提前十分钟签到');
    await screenshot(officer.page, 'officer-notice-phone');

    await trainer.page.reload();
    await expect(trainer.page.textContent('[data-testid=read]')).resolves.toBe('1');
    await screenshot(trainer.page, 'trainer-notice-receipts');
    await trainer.context.close();
    await officer.context.close();
  });
});
