import request from 'supertest';
import { User } from '../src/users/entities/user.entity';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';
import { pageLogin, PageSession } from './utils/page-session';

type Org = Awaited<ReturnType<typeof createOrganisation>>;

describe('Security and admin pages (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let adminToken: string;
  let officerToken: string;
  let adminPages: PageSession;
  let officerPages: PageSession;

  beforeAll(async () => {
    t = await createTestApp();
    org = await createOrganisation(t.dataSource);
    adminToken = await apiLogin(t.http, 'admin', TEST_PASSWORD);
    officerToken = await apiLogin(t.http, 'officer_a', TEST_PASSWORD);
    adminPages = await pageLogin(t.http, 'admin', TEST_PASSWORD);
    officerPages = await pageLogin(t.http, 'officer_a', TEST_PASSWORD);
  });
  afterAll(() => t.close());

  const newUser = (username: string) => ({
    username,
    name: '测试',
    password: 'Xinfang-Train-1',
    role: 'officer',
    unitId: org.units.streetA.id,
  });

  describe('login throttling', () => {
    it('should answer 429 AUTH.TOO_MANY_ATTEMPTS after 5 wrong passwords for one account, even with the right one', async () => {
      for (let i = 0; i < 5; i++) {
        await request(t.http)
          .post('/api/auth/login')
          .send({ username: 'officer_b', password: `wrong-${i}` })
          .expect(401);
      }
      const res = await request(t.http)
        .post('/api/auth/login')
        .send({ username: 'OFFICER_B', password: TEST_PASSWORD })
        .expect(429);
      expect(res.body.code).toBe('AUTH.TOO_MANY_ATTEMPTS');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    });
  });

  describe('request bodies', () => {
    it('should answer 400 REQUEST.MALFORMED_BODY for broken JSON', async () => {
      const res = await request(t.http)
        .post('/api/users')
        .set('Authorization', `Bearer ${adminToken}`)
        .set('Content-Type', 'application/json')
        .send('{"username": "x",')
        .expect(400);
      expect(res.body.code).toBe('REQUEST.MALFORMED_BODY');
    });

    it('should answer 413 REQUEST.TOO_LARGE for a body over the limit, JSON or CSV', async () => {
      const big = 'x'.repeat(1_100_000);
      const json = await request(t.http)
        .post('/api/users')
        .set('Authorization', `Bearer ${adminToken}`)
        .send({ ...newUser('big'), name: big })
        .expect(413);
      expect(json.body.code).toBe('REQUEST.TOO_LARGE');
      const csv = await request(t.http)
        .post('/api/users/import')
        .set('Authorization', `Bearer ${adminToken}`)
        .set('Content-Type', 'text/csv')
        .send(`username,name,password,role,unit\n${big}`)
        .expect(413);
      expect(csv.body.code).toBe('REQUEST.TOO_LARGE');
    });

    it('should reject unknown fields with 400 VALIDATION.FAILED', async () => {
      const res = await request(t.http)
        .post('/api/users')
        .set('Authorization', `Bearer ${adminToken}`)
        .send({ ...newUser('extra'), isAdmin: true })
        .expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION.FAILED', errors: { isAdmin: 'unknown_field' } });
      const patch = await request(t.http)
        .patch(`/api/users/${org.users.officerB.id}`)
        .set('Authorization', `Bearer ${adminToken}`)
        .send({ passwordHash: 'x' })
        .expect(400);
      expect(patch.body.errors).toEqual({ passwordHash: 'unknown_field' });
    });
  });

  describe('bad input never answers 500', () => {
    const asAdmin = () => ({ Authorization: `Bearer ${adminToken}` });

    it('should refuse a NUL character anywhere with 400 REQUEST.INVALID_CHARACTER (PostgreSQL text cannot hold it)', async () => {
      const login = await request(t.http)
        .post('/api/auth/login')
        .send({ username: 'ad\u0000min', password: 'x' })
        .expect(400);
      expect(login.body.code).toBe('REQUEST.INVALID_CHARACTER');
      const search = await request(t.http).get('/api/users?q=%00').set(asAdmin()).expect(400);
      expect(search.body.code).toBe('REQUEST.INVALID_CHARACTER');
      await request(t.http).get('/api/users/a%00b').set(asAdmin()).expect(400);
      const create = await request(t.http)
        .post('/api/users')
        .set(asAdmin())
        .send({ ...newUser('nul_name'), name: '张\u0000三' })
        .expect(400);
      expect(create.body.code).toBe('REQUEST.INVALID_CHARACTER');
      expect(await t.dataSource.getRepository(User).countBy({ username: 'nul_name' })).toBe(0);
    });

    it('should answer 400 for an offset too large for the database', async () => {
      for (const path of ['/api/users?offset=1e300', '/api/audit?offset=99999999999999999999']) {
        const res = await request(t.http).get(path).set(asAdmin()).expect(400);
        expect(res.body).toMatchObject({ code: 'VALIDATION.FAILED', errors: { offset: 'max' } });
      }
    });

    it('should treat a `j:` JSON cookie as no session and no login token', async () => {
      const me = await request(t.http).get('/api/me').set('Cookie', 'pt_session=j:{"a":1}').expect(401);
      expect(me.body.code).toBe('AUTH.UNAUTHENTICATED');
      await request(t.http)
        .post('/login')
        .set('Cookie', 'pt_login_csrf=j:{"a":1}')
        .type('form')
        .send({ username: 'admin', password: TEST_PASSWORD, _csrf: 'x' })
        .expect(403);
    });

    it('should refuse a CSRF token that is not a string, and read no token from a CSV body', async () => {
      const numeric = await adminPages.agent
        .post('/admin/users')
        .send({ ...newUser('csrf_number'), _csrf: 123 })
        .expect(403);
      expect(numeric.text).toContain('AUTH.CSRF_INVALID');
      const csv = await adminPages.agent
        .post('/admin/users/import')
        .set('X-CSRF-Token', adminPages.csrf)
        .set('Content-Type', 'text/csv')
        .send('username,name,password,role,unit\n')
        .expect(400);
      expect(csv.text).toContain('import-problems');
    });

    it('should show the login page for a repeated ?next= and send a signed-in user home', async () => {
      await request(t.http).get('/login?next=/a&next=/b').expect(200);
      const signedIn = await adminPages.agent.get('/login?next=/a&next=/b').expect(303);
      expect(signedIn.headers.location).toBe('/');
    });

    it('should show no flash for a message code that is an Object member', async () => {
      for (const path of [
        '/admin/users?ok=constructor',
        '/admin/units?ok=toString',
        `/admin/users/${org.users.officerA.id}?ok=__proto__`,
      ]) {
        const res = await adminPages.agent.get(path).expect(200);
        expect(res.text).not.toContain('flash-success');
      }
    });
  });

  describe('role guard', () => {
    it('should answer 403 AUTH.FORBIDDEN to an officer creating a user', async () => {
      const res = await request(t.http)
        .post('/api/users')
        .set('Authorization', `Bearer ${officerToken}`)
        .send(newUser('sneaky'))
        .expect(403);
      expect(res.body.code).toBe('AUTH.FORBIDDEN');
      expect(await t.dataSource.getRepository(User).countBy({ username: 'sneaky' })).toBe(0);
    });

    it('should answer 401 without a token', async () => {
      const res = await request(t.http).get('/api/users').expect(401);
      expect(res.body.code).toBe('AUTH.UNAUTHENTICATED');
    });
  });

  describe('admin pages', () => {
    it('should show the user list to an admin', async () => {
      const res = await adminPages.agent.get('/admin/users').expect(200).expect('Content-Type', /html/);
      expect(res.text).toContain('用户');
      expect(res.text).toContain('officer_a2');
      const searched = await adminPages.agent
        .get('/admin/users')
        .query({ q: 'officer_a', unitId: org.units.streetA.id })
        .expect(200);
      expect(searched.text).toContain('officer_a2');
      expect(searched.text).not.toContain('officer_b');
    });

    it('should answer an officer with a 403 page', async () => {
      const res = await officerPages.agent.get('/admin/users').expect(403).expect('Content-Type', /html/);
      expect(res.text).toContain('AUTH.FORBIDDEN');
    });

    it('should send a visitor without a session to the login page', async () => {
      const res = await request(t.http).get('/admin/users').expect(303);
      expect(res.headers.location).toBe('/login?next=%2Fadmin%2Fusers');
    });

    it('should refuse a form post without the CSRF token', async () => {
      const res = await adminPages.agent
        .post('/admin/users')
        .type('form')
        .send(newUser('no_csrf'))
        .expect(403);
      expect(res.text).toContain('AUTH.CSRF_INVALID');
      expect(await t.dataSource.getRepository(User).countBy({ username: 'no_csrf' })).toBe(0);
    });

    it('should create a user from the form and redirect to the user page', async () => {
      const res = await adminPages.agent
        .post('/admin/users')
        .type('form')
        .send({ ...newUser('from_form'), _csrf: adminPages.csrf })
        .expect(303);
      const user = await t.dataSource.getRepository(User).findOneByOrFail({ username: 'from_form' });
      expect(res.headers.location).toBe(`/admin/users/${user.id}?ok=created`);
      const page = await adminPages.agent.get(res.headers.location).expect(200);
      expect(page.text).toContain('用户已创建');
    });

    it('should re-render the form with messages when the input is rejected', async () => {
      const res = await adminPages.agent
        .post('/admin/users')
        .type('form')
        .send({ ...newUser('weak_pw'), password: 'short', _csrf: adminPages.csrf })
        .expect(400)
        .expect('Content-Type', /html/);
      expect(res.text).toContain('密码至少 8 位');
      expect(res.text).toContain('value="weak_pw"');
      expect(res.text).not.toContain('error-page');
      const missing = await adminPages.agent
        .post('/admin/users')
        .type('form')
        .send({ username: '', _csrf: adminPages.csrf })
        .expect(400);
      expect(missing.text).toContain('请填写用户名');
    });

    it('should disable a user from the edit page and end their sessions', async () => {
      const victim = await apiLogin(t.http, 'officer_d', TEST_PASSWORD);
      await adminPages.agent
        .post(`/admin/users/${org.users.officerDept.id}/status`)
        .type('form')
        .send({ disabled: 'true', _csrf: adminPages.csrf })
        .expect(303);
      await request(t.http).get('/api/me').set('Authorization', `Bearer ${victim}`).expect(401);
      const page = await adminPages.agent
        .get(`/admin/users/${org.users.officerDept.id}?ok=disabled`)
        .expect(200);
      expect(page.text).toContain('已停用');
    });

    it('should show a rejected password reset on the edit page', async () => {
      const res = await adminPages.agent
        .post(`/admin/users/${org.users.officerB.id}/password`)
        .type('form')
        .send({ password: '12345678', _csrf: adminPages.csrf })
        .expect(400);
      expect(res.text).toContain('密码过于常见');
    });

    it('should add a unit from the units page and show the tree', async () => {
      await adminPages.agent
        .post('/admin/units')
        .type('form')
        .send({ name: '丙街道', kind: 'street', parentId: org.units.bureau.id, _csrf: adminPages.csrf })
        .expect(303);
      const res = await adminPages.agent.get('/admin/units?ok=created').expect(200);
      expect(res.text).toContain('丙街道');
      expect(res.text).toContain('街道');
      const dup = await adminPages.agent
        .post('/admin/units')
        .type('form')
        .send({ name: '丙街道', kind: 'street', parentId: org.units.bureau.id, _csrf: adminPages.csrf })
        .expect(409);
      expect(dup.text).toContain('同一上级下已有同名单位');
    });

    it('should show import problems in a table and import nothing', async () => {
      const csv =
        'username,name,password,role,unit\ngood_one,甲,Xinfang-Train-1,officer,甲街道\nbad_one,乙,short,officer,没有这个单位\n';
      const res = await adminPages.agent
        .post('/admin/users/import')
        .type('form')
        .send({ csv, _csrf: adminPages.csrf })
        .expect(400);
      expect(res.text).toContain('import-problems');
      expect(res.text).toContain('第 3 行 单位：找不到单位「没有这个单位」，请先在单位管理中创建');
      expect(await t.dataSource.getRepository(User).countBy({ username: 'good_one' })).toBe(0);
      const ok = await adminPages.agent
        .post('/admin/users/import')
        .type('form')
        .send({
          csv: 'username,name,password,role,unit\ngood_one,甲,Xinfang-Train-1,officer,甲街道\n',
          _csrf: adminPages.csrf,
        })
        .expect(303);
      const page = await adminPages.agent.get(ok.headers.location).expect(200);
      expect(page.text).toContain('已创建 1 个用户');
    });

    it('should show the audit log', async () => {
      const res = await adminPages.agent.get('/admin/audit').expect(200);
      expect(res.text).toContain('user.create');
      expect(res.text).toContain('from_form');
      const filtered = await adminPages.agent.get('/admin/audit?action=unit.create').expect(200);
      expect(filtered.text).toContain('丙街道');
      expect(filtered.text).not.toContain('from_form');
      await adminPages.agent.get('/admin/audit?action=a&action=b&page=x').expect(200);
      await adminPages.agent.get('/admin/users?q=a&q=b&unitId=nope&page=-3').expect(200);
    });
  });
});
