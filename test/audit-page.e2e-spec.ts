import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { AuditLog } from '../src/audit/entities/audit-log.entity';
import { TEST_PASSWORD } from './factories/organisation.factory';
import { startOrganisationApi, OrganisationApi } from './utils/organisation-api';
import { pageLogin, PageSession } from './utils/page-session';

const tableOf = (html: string) => /data-testid="audit-table">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/** Defect 4: the audit log reads in Chinese, names people and units, shows Beijing time, filters and exports. */
describe('Audit log page (e2e)', () => {
  let api: OrganisationApi;
  let admin: PageSession;
  let newUnitId: string;

  /** A row at a fixed instant, as the app writes them (the API cannot back-date). */
  async function row(action: string, createdAt: string, extra: Partial<AuditLog> = {}) {
    await api.t.dataSource.getRepository(AuditLog).insert({
      id: randomUUID(),
      actorId: api.org.users.admin.id,
      actorUsername: 'admin',
      action,
      entityType: 'unit',
      entityId: api.org.units.streetA.id,
      before: null,
      after: null,
      ip: '127.0.0.1',
      createdAt: new Date(createdAt),
      ...extra,
    } as object);
  }

  beforeAll(async () => {
    api = await startOrganisationApi();
    const unit = await request(api.t.http)
      .post('/api/units')
      .set(api.as('admin'))
      .send({ name: '丁街道', kind: 'street', parentId: api.org.units.bureau.id })
      .expect(201);
    newUnitId = unit.body.id;
    await request(api.t.http)
      .post('/api/users')
      .set(api.as('admin'))
      .send({
        username: 'zhao_liu',
        name: '赵六',
        password: 'Xinfang-Train-1',
        role: 'officer',
        unitId: newUnitId,
      })
      .expect(201);
    await request(api.t.http)
      .post('/api/auth/login')
      .send({ username: 'nobody_here', password: 'wrong-password' })
      .expect(401);
    await row('unit.update', '2026-01-01T06:05:00Z', { before: { name: '旧名' }, after: { name: '新名' } });
    await row('mystery.code', '2026-01-02T06:05:00Z');
    admin = await pageLogin(api.t.http, 'admin', TEST_PASSWORD);
  }, 60_000);
  afterAll(() => api.t.close());

  it('should show Chinese action names, people and units by name and Beijing time', async () => {
    const page = await admin.agent.get('/admin/audit').expect(200);
    const table = tableOf(page.text);
    expect(table).toContain('新增用户');
    expect(table).toContain('新增单位');
    expect(table).toContain('登录失败');
    expect(table).toContain('用户名不存在');
    expect(table).toContain('用户 赵六（zhao_liu）');
    expect(table).toContain('单位：丁街道'); // the new user's unit, by name
    expect(table).toContain(`测试admin（admin）`);
    expect(table).toContain('2026-01-01 14:05'); // 06:05 UTC
    expect(table).toContain('mystery.code'); // an unknown code shows as the code
    expect(table).not.toContain('unitId');
    expect(table).not.toContain('auth.login.failed>'); // only in a title attribute, never as the text
    expect(table.replace(/title="[^"]*"/g, '')).not.toMatch(UUID);
  });

  it('should filter by person, action and date range and keep the filters in the URL when paging', async () => {
    const byPerson = tableOf((await admin.agent.get('/admin/audit?who=nobody').expect(200)).text);
    expect(byPerson).toContain('登录失败');
    expect(byPerson).not.toContain('新增用户');

    const byName = tableOf(
      (
        await admin.agent
          .get(`/admin/audit?who=${encodeURIComponent('测试admin')}&action=user.create`)
          .expect(200)
      ).text,
    );
    expect(byName).toContain('新增用户');
    expect(byName).not.toContain('新增单位');

    const byDates = tableOf(
      (await admin.agent.get('/admin/audit?from=2026-01-01&to=2026-01-01').expect(200)).text,
    );
    expect(byDates).toContain('2026-01-01 14:05');
    expect(byDates).not.toContain('mystery.code');

    for (let i = 0; i < 31; i++) await row('unit.update', `2025-06-01T0${i % 10}:00:00Z`);
    const first = await admin.agent
      .get('/admin/audit?action=unit.update&from=2025-06-01&to=2025-06-01')
      .expect(200);
    expect(first.text).toContain('共 31 条记录');
    expect(first.text.replace(/&#x3D;/g, '=')).toContain(
      'href="/admin/audit?action=unit.update&amp;from=2025-06-01&amp;to=2025-06-01&amp;page=2"',
    );
    expect(first.text).toMatch(/<option value="unit.update" selected>单位改名<\/option>/);
    expect(first.text).toContain('value="2025-06-01"');
  });

  it('should export the filtered log as CSV with a BOM, names and neutralised formula cells', async () => {
    // A guessed username is stored as typed: in a spreadsheet it must stay text.
    await row('auth.login.failed', '2026-01-03T00:00:00Z', {
      actorId: null,
      actorUsername: '=HYPERLINK("http://x")',
      entityType: 'user',
      entityId: null,
    });
    const all = await admin.agent.get('/admin/audit/export.csv?action=auth.login.failed').expect(200);
    expect(all.text).toContain(`'=HYPERLINK`);
    const res = await admin.agent.get('/admin/audit/export.csv?action=user.create').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const csv = res.text;
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('时间（北京时间）,操作人,操作,操作代码,对象,IP,变更');
    expect(lines).toHaveLength(2); // header + the one user.create row
    expect(csv).toContain('新增用户');
    expect(csv).not.toContain('登录失败');
  });

  it('should keep the page and the export from anyone but an admin', async () => {
    await request(api.t.http).get('/admin/audit/export.csv').set(api.as('trainer')).expect(403);
  });
});
