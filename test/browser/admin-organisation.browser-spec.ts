import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createOrganisation, TEST_PASSWORD } from '../factories/organisation.factory';
import {
  BrowserHarness,
  expectAccessible,
  horizontalOverflow,
  loginThroughForm,
  newPage,
  PHONE,
  screenshot,
  startBrowserHarness,
} from './browser-harness';

type Org = Awaited<ReturnType<typeof createOrganisation>>;

describe('Admin organisation pages (Chromium)', () => {
  let h: BrowserHarness;
  let org: Org;
  beforeAll(async () => {
    h = await startBrowserHarness();
    org = await createOrganisation(h.t.dataSource);
  });
  afterAll(() => h.close());

  it('should fit every admin page on a 375px phone', async () => {
    const { context, page } = await newPage(h, PHONE);
    await loginThroughForm(page, h.baseUrl, 'admin', TEST_PASSWORD);
    const pages = {
      units: '/admin/units',
      users: '/admin/users',
      'user-edit': `/admin/users/${org.users.officerA.id}`,
      import: '/admin/users/import',
      audit: '/admin/audit',
    };
    for (const [name, path] of Object.entries(pages)) {
      await page.goto(`${h.baseUrl}${path}`);
      expect({ name, overflow: await horizontalOverflow(page) }).toEqual({ name, overflow: 0 });
      await expectAccessible(page, `admin ${name} on a phone`);
      await screenshot(page, `admin-${name}-phone`);
    }
    await context.close();
  });

  it('should add a user through the form on a phone and land on the user page', async () => {
    const { context, page } = await newPage(h, PHONE);
    await loginThroughForm(page, h.baseUrl, 'admin', TEST_PASSWORD);
    await page.goto(`${h.baseUrl}/admin/users`);
    await page.click('summary:has-text("新增用户")');
    await expectAccessible(page, 'add-user form open');
    await page.fill('input[name=username]', 'phone_user');
    await page.fill('input[name=name]', '手机新增');
    await page.fill('input[name=password]', 'Xinfang-Train-1');
    await page.selectOption('select[name=unitId] >> nth=1', org.units.streetB.id);
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("创建用户")')]);
    await expect(page.textContent('.flash')).resolves.toContain('用户已创建');
    await expect(page.textContent('h1')).resolves.toContain('手机新增');
    await expectAccessible(page, 'new user page');
    await context.close();
  });

  it('should read a picked CSV file (GB18030 from Excel too) into the import form and list its problems', async () => {
    const file = join(tmpdir(), `import-${process.pid}.csv`);
    const text = 'username,name,password,role,unit\nli_si,李四,short,信访干部,甲街道\n';
    writeFileSync(file, Buffer.from(encodeGb18030(text)));
    const { context, page } = await newPage(h, PHONE);
    await loginThroughForm(page, h.baseUrl, 'admin', TEST_PASSWORD);
    await page.goto(`${h.baseUrl}/admin/users/import`);
    await page.setInputFiles('input[type=file]', file);
    await page.waitForFunction("document.querySelector('textarea[name=csv]').value.includes('李四')");
    await expectAccessible(page, 'import form with a file');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("检查并导入")')]);
    await expect(page.textContent('[data-testid=import-problems]')).resolves.toContain('密码至少 8 位');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'import problems');
    await screenshot(page, 'admin-import-problems-phone');
    await context.close();
  });
});

/** The few Chinese characters the test file uses, in GB18030 (what Excel writes on a Chinese Windows). */
function encodeGb18030(text: string): number[] {
  const table: Record<string, number[]> = {
    李: [0xc0, 0xee],
    四: [0xcb, 0xc4],
    信: [0xd0, 0xc5],
    访: [0xb7, 0xc3],
    干: [0xb8, 0xc9],
    部: [0xb2, 0xbf],
    甲: [0xbc, 0xd7],
    街: [0xbd, 0xd6],
    道: [0xb5, 0xc0],
  };
  return [...text].flatMap((ch) => table[ch] ?? [ch.charCodeAt(0)]);
}
