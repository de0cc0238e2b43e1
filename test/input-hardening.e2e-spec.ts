import request from 'supertest';
import { TEST_PASSWORD } from './factories/organisation.factory';
import { startOrganisationApi, OrganisationApi } from './utils/organisation-api';
import { pageLogin } from './utils/page-session';

/** Issue 7, findings 5 and 8: bodies nested too deep, and names carrying invisible or control characters. */
describe('Input hardening (e2e)', () => {
  let api: OrganisationApi;
  beforeAll(async () => {
    api = await startOrganisationApi();
  });
  afterAll(() => api.t.close());

  const deepJson = (levels: number) =>
    `{"username":${'['.repeat(levels)}"x"${']'.repeat(levels)},"password":"x"}`;

  describe('deeply nested JSON', () => {
    it('should refuse a body nested 5,000 levels deep on the unauthenticated login with 400 REQUEST.TOO_DEEP', async () => {
      const res = await request(api.t.http)
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .send(deepJson(5000));
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'REQUEST.TOO_DEEP' });
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js|RangeError/);
    });

    it('should refuse it on an authenticated write too, before validation', async () => {
      const body = `{"name":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)},"kind":"street"}`;
      const res = await request(api.t.http)
        .post('/api/units')
        .set(api.as('admin'))
        .set('Content-Type', 'application/json')
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('REQUEST.TOO_DEEP');
    });

    it('should still validate a normally nested body as before', async () => {
      const res = await request(api.t.http)
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .send(deepJson(3));
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION.FAILED');
    });

    it('should refuse an array too long to be any real input with 413 REQUEST.TOO_MANY_FIELDS', async () => {
      const res = await request(api.t.http)
        .post('/api/assignments')
        .set(api.as('trainer'))
        .send({ courseId: 'c', userIds: new Array(10_001).fill('x'), dueAt: '2030-01-01' });
      expect(res.status).toBe(413);
      expect(res.body.code).toBe('REQUEST.TOO_MANY_FIELDS');
    });
  });

  describe('names with control, bidi or zero-width characters', () => {
    const user = (name: string) => ({
      username: `u${Date.now()}`,
      name,
      password: 'Xinfang-Train-1',
      role: 'officer',
      unitId: api.org.units.streetA.id,
    });

    it.each([
      ['RIGHT-TO-LEFT OVERRIDE', '张三\u202Egpj.exe'],
      ['BEL', '张三\u0007'.padEnd(4, '三')],
      ['ESC', '\u001b[31m张三'],
      ['ZERO WIDTH SPACE', '张\u200B三'],
    ])('should refuse a user name with %s (400, invalid_characters on name)', async (_what, name) => {
      const res = await request(api.t.http).post('/api/users').set(api.as('admin')).send(user(name));
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION.FAILED', errors: { name: 'invalid_characters' } });
      expect(res.body.message).toMatch(/^姓名含有不可见字符或控制字符/);
    });

    it('should refuse them when renaming a user or a unit too', async () => {
      const patch = await request(api.t.http)
        .patch(`/api/users/${api.org.users.officerB.id}`)
        .set(api.as('admin'))
        .send({ name: '李\u2066四' });
      expect(patch.status).toBe(400);
      expect(patch.body.errors).toEqual({ name: 'invalid_characters' });
      const unit = await request(api.t.http)
        .patch(`/api/units/${api.org.units.streetB.id}`)
        .set(api.as('admin'))
        .send({ name: '乙街道\u202D' });
      expect(unit.status).toBe(400);
      expect(unit.body.errors).toEqual({ name: 'invalid_characters' });
      const created = await request(api.t.http)
        .post('/api/units')
        .set(api.as('admin'))
        .send({ name: '丙\u0085街道', kind: 'street', parentId: api.org.units.bureau.id });
      expect(created.body.errors).toEqual({ name: 'invalid_characters' });
    });

    it('should report such a name in a CSV import row and import nothing', async () => {
      const csv =
        'username,name,password,role,unit\nclean1,王五,Xinfang-Train-1,officer,甲街道\nbidi1,赵\u202E六,Xinfang-Train-1,officer,甲街道\n';
      const res = await request(api.t.http)
        .post('/api/users/import')
        .set(api.as('admin'))
        .set('Content-Type', 'text/csv')
        .send(csv);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ row: 3, field: 'name', code: 'invalid_characters' }]);
    });

    it('should say on the admin page, beside the 姓名 field, what is wrong', async () => {
      const admin = await pageLogin(api.t.http, 'admin', TEST_PASSWORD);
      const form = {
        _csrf: admin.csrf,
        username: 'pageuser',
        name: '张\u200B三',
        password: 'Xinfang-Train-1',
        role: 'officer',
        unitId: api.org.units.streetA.id,
      };
      const res = await admin.agent.post('/admin/users').type('form').send(form);
      expect(res.status).toBe(400);
      expect(res.text).toContain('含有不可见字符或控制字符');
    });

    it('should still accept a name that only looks like a formula (exports neutralise it instead)', async () => {
      const res = await request(api.t.http).post('/api/users').set(api.as('admin')).send(user('=张三'));
      expect(res.status).toBe(201);
    });
  });
});
