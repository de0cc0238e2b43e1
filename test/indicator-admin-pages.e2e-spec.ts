import './utils/scoring-fast.env';
import request from 'supertest';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';
import { pageLogin, PageSession } from './utils/page-session';

/** Issue 18: the admin pages for closing/reopening a period and for targets per year and unit. */
describe('indicator admin pages: close and reopen a period, targets per year and unit', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createOrganisation>>;
  let admin: PageSession;
  let manager: PageSession;
  let adminToken: string;
  const closed = async (period: string) =>
    (await t.dataSource.query(`SELECT "period" FROM indicator_periods`)).some(
      (r: { period: string }) => r.period === period,
    );
  const targetOf = async (unitId: string, period: string, code: string) => {
    const rows = (
      await request(t.http)
        .get(`/api/indicators?unitId=${unitId}&period=${period}`)
        .set({ Authorization: `Bearer ${adminToken}` })
        .expect(200)
    ).body as Array<{ code: string; target: number }>;
    return rows.find((r) => r.code === code)!.target;
  };

  beforeAll(async () => {
    t = await createTestApp();
    org = await createOrganisation(t.dataSource);
    admin = await pageLogin(t.http, 'admin', TEST_PASSWORD);
    manager = await pageLogin(t.http, 'manager', TEST_PASSWORD);
    adminToken = await apiLogin(t.http, 'admin', TEST_PASSWORD);
  });
  afterAll(() => t.close());

  it('a manager is refused every admin form and the targets page', async () => {
    const form = { _csrf: manager.csrf, reason: '补录', target: '50' };
    await manager.agent.post('/indicators/periods/2025/close').type('form').send(form).expect(403);
    await manager.agent.post('/indicators/periods/2025/reopen').type('form').send(form).expect(403);
    await manager.agent.get('/admin/indicators/targets').expect(403);
    await manager.agent
      .post('/admin/indicators/targets/TRAINING_COVERAGE')
      .type('form')
      .send(form)
      .expect(403);
    // the manager's table has no close form
    const page = await manager.agent.get('/indicators?period=2025').expect(200);
    expect(page.text).not.toContain('data-testid="close-form"');
    expect(await closed('2025')).toBe(false);
  });

  it('an admin closes a period through the page: who and when are shown, frozen rows keep 分子/分母', async () => {
    await request(t.http)
      .post('/api/indicators/import')
      .set({ Authorization: `Bearer ${adminToken}`, 'Content-Type': 'text/csv' })
      .send('单位,期间,指标,分子,分母\n甲街道,2025,及时受理率,197,200\n')
      .expect(201)
      .expect({ imported: 1 });
    const before = await admin.agent
      .get(`/indicators?unitId=${org.units.streetA.id}&period=2025`)
      .expect(200);
    expect(before.text).toContain('data-testid="close-form"');
    expect(before.text).toContain('冻结');
    await admin.agent
      .post('/indicators/periods/2025/close')
      .type('form')
      .send({ _csrf: admin.csrf, unitId: org.units.streetA.id, scope: 'subtree' })
      .expect(303)
      .expect('Location', `/indicators?unitId=${org.units.streetA.id}&period=2025&scope=subtree&ok=closed`);
    expect(await closed('2025')).toBe(true);
    const after = await admin.agent
      .get(`/indicators?unitId=${org.units.streetA.id}&period=2025&scope=subtree&ok=closed`)
      .expect(200);
    expect(after.text).toContain('统计期间已关账');
    expect(after.text).toContain(`已关账：${org.users.admin.name}`);
    expect(after.text).toContain('data-testid="reopen-form"');
    expect(after.text).not.toContain('data-testid="close-form"');
    // the frozen row keeps the imported numerator and denominator
    expect(after.text).toContain('分子 197 / 分母 200');
    // closing again is refused with the reason on the page, not an error page
    const again = await admin.agent
      .post('/indicators/periods/2025/close')
      .type('form')
      .send({ _csrf: admin.csrf, unitId: org.units.streetA.id })
      .expect(409);
    expect(again.text).toContain('统计期间 2025 已关账');
  });

  it('reopening without a reason gives the form back naming the reason and keeps the period closed', async () => {
    const res = await admin.agent
      .post('/indicators/periods/2025/reopen')
      .type('form')
      .send({ _csrf: admin.csrf, unitId: org.units.streetA.id, reason: '   ' })
      .expect(400);
    expect(res.text).toMatch(/请填写[^<]*原因/);
    expect(res.text).toContain('id="reopen-reason-error"');
    expect(res.text).toContain('data-testid="reopen-form"');
    expect(await closed('2025')).toBe(true);
    const audit = await t.dataSource.query(
      `SELECT "id" FROM audit_logs WHERE "action" = 'indicator.period.reopen'`,
    );
    expect(audit).toHaveLength(0);
  });

  it('with a reason the period is reopened and the reason is audited', async () => {
    await admin.agent
      .post('/indicators/periods/2025/reopen')
      .type('form')
      .send({ _csrf: admin.csrf, unitId: org.units.streetA.id, reason: '补录了漏记的考试成绩' })
      .expect(303)
      .expect('Location', /ok=reopened$/);
    expect(await closed('2025')).toBe(false);
    const audit = (await t.dataSource.query(
      `SELECT "after", "entityId" FROM audit_logs WHERE "action" = 'indicator.period.reopen'`,
    )) as Array<{ after: unknown; entityId: string }>;
    expect(audit).toHaveLength(1);
    expect(audit[0].entityId).toBe('2025');
    const after = typeof audit[0].after === 'string' ? JSON.parse(audit[0].after) : audit[0].after;
    expect(after).toEqual({ reason: '补录了漏记的考试成绩' });
    const page = await admin.agent.get(`/indicators?unitId=${org.units.streetA.id}&period=2025`).expect(200);
    expect(page.text).toContain('data-testid="close-form"');
  });

  it("a 2026 target for one unit set through the page changes that unit's 2026 target only", async () => {
    const code = 'TRAINING_COVERAGE';
    const list = await admin.agent.get('/admin/indicators/targets').expect(200);
    expect(list.text).toContain('培训覆盖率');
    expect(list.text).toContain(`value="${org.units.streetA.id}"`);
    // a refused form comes back with the field named and the typed values
    const bad = await admin.agent
      .post(`/admin/indicators/targets/${code}`)
      .type('form')
      .send({ _csrf: admin.csrf, target: '八十', year: '26', unitId: org.units.streetA.id })
      .expect(400);
    expect(bad.text).toContain('目标值必须是数字');
    expect(bad.text).toContain('年度');
    expect(bad.text).toContain('value="八十"');
    await admin.agent
      .post(`/admin/indicators/targets/${code}`)
      .type('form')
      .send({ _csrf: admin.csrf, target: '80', year: '2026', unitId: org.units.streetA.id })
      .expect(303);
    expect(await targetOf(org.units.streetA.id, '2026', code)).toBe(80);
    expect(await targetOf(org.units.streetA.id, '2025', code)).toBe(100);
    expect(await targetOf(org.units.streetB.id, '2026', code)).toBe(100);
    expect(await targetOf(org.units.bureau.id, '2026', code)).toBe(100);
    const shown = await admin.agent.get('/admin/indicators/targets?ok=saved').expect(200);
    expect(shown.text).toContain('目标值已保存');
    expect(shown.text).toMatch(
      /<td data-label="年度">2026<\/td><td data-label="单位">甲街道<\/td><td data-label="目标值">80%<\/td>/,
    );
    const audit = await t.dataSource.query(
      `SELECT "id" FROM audit_logs WHERE "action" = 'indicator.target.set'`,
    );
    expect(audit).toHaveLength(1);
  });
});
