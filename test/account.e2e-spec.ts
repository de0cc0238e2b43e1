import request from 'supertest';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';
import { pageLogin } from './utils/page-session';

const csrfIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

describe('Account: own password, first sign-in, expired sessions (e2e)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createOrganisation>>;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp();
    org = await createOrganisation(t.dataSource);
    admin = await apiLogin(t.http, 'admin', TEST_PASSWORD);
  }, 60_000);
  afterAll(() => t.close());

  const createUser = (username: string, password = 'Given-Pass-2026') =>
    request(t.http)
      .post('/api/users')
      .set('Authorization', `Bearer ${admin}`)
      .send({ username, name: '新同事', password, role: 'officer', unitId: org.units.streetA.id })
      .expect(201);

  describe('changing one’s own password', () => {
    it('should require the current password, apply the policy, end the other sessions and audit it', async () => {
      const first = await apiLogin(t.http, 'officer_b', TEST_PASSWORD);
      const second = await apiLogin(t.http, 'officer_b', TEST_PASSWORD);
      const change = (body: Record<string, unknown>) =>
        request(t.http).post('/api/me/password').set('Authorization', `Bearer ${first}`).send(body);

      expect(
        (await change({ currentPassword: 'wrong-one-123', newPassword: 'Brand-New-Pass-7' }).expect(400)).body
          .code,
      ).toBe('ACCOUNT.WRONG_PASSWORD');
      expect(
        (await change({ currentPassword: TEST_PASSWORD, newPassword: 'short' }).expect(400)).body.errors,
      ).toEqual({ newPassword: 'password_too_short' });
      expect(
        (await change({ currentPassword: TEST_PASSWORD, newPassword: 'officer_b' }).expect(400)).body.errors,
      ).toEqual({ newPassword: 'password_equals_username' });
      expect(
        (await change({ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD }).expect(400)).body.code,
      ).toBe('ACCOUNT.PASSWORD_UNCHANGED');
      await change({ currentPassword: TEST_PASSWORD }).expect(400);

      await change({ currentPassword: TEST_PASSWORD, newPassword: 'Brand-New-Pass-7' }).expect(204);
      await request(t.http).get('/api/me').set('Authorization', `Bearer ${first}`).expect(200);
      await request(t.http).get('/api/me').set('Authorization', `Bearer ${second}`).expect(401);
      await request(t.http)
        .post('/api/auth/login')
        .send({ username: 'officer_b', password: TEST_PASSWORD })
        .expect(401);
      await apiLogin(t.http, 'officer_b', 'Brand-New-Pass-7');
      const audit = await t.dataSource.query(
        `SELECT "action" FROM audit_logs WHERE "entityId" = '${org.users.officerB.id}'`,
      );
      expect(audit.map((a: { action: string }) => a.action)).toContain('auth.password.changed');
    });

    it('should change the password from the page, with Chinese messages beside the fields', async () => {
      const page = await pageLogin(t.http, 'officer_d', TEST_PASSWORD);
      const form = await page.agent.get('/account/password').expect(200);
      expect(form.text).toContain('当前密码');
      const empty = await page.agent
        .post('/account/password')
        .type('form')
        .send({ _csrf: page.csrf })
        .expect(400);
      expect(empty.text).toContain('请填写当前密码');
      expect(empty.text).toContain('请填写新密码');
      const mismatch = await page.agent
        .post('/account/password')
        .type('form')
        .send({
          currentPassword: TEST_PASSWORD,
          newPassword: 'Another-Pass-88',
          confirmPassword: 'Another-Pass-89',
          _csrf: page.csrf,
        })
        .expect(400);
      expect(mismatch.text).toContain('两次输入的新密码不一致');
      await page.agent
        .post('/account/password')
        .type('form')
        .send({
          currentPassword: TEST_PASSWORD,
          newPassword: 'Another-Pass-88',
          confirmPassword: 'Another-Pass-88',
          _csrf: page.csrf,
        })
        .expect(303)
        .expect('Location', '/account/password?ok=changed');
      expect((await page.agent.get('/account/password?ok=changed').expect(200)).text).toContain('密码已修改');
    });
  });

  describe('initial passwords must be changed at first sign-in', () => {
    it('should answer 403 AUTH.PASSWORD_CHANGE_REQUIRED to the API until the password is changed, except change and logout', async () => {
      await createUser('first_api');
      const token = await apiLogin(t.http, 'first_api', 'Given-Pass-2026');
      const bearer = { Authorization: `Bearer ${token}` };
      expect((await request(t.http).get('/api/me/assignments').set(bearer).expect(403)).body.code).toBe(
        'AUTH.PASSWORD_CHANGE_REQUIRED',
      );
      await request(t.http).get('/api/courses').set(bearer).expect(403);
      await request(t.http).get('/api/me').set(bearer).expect(200);
      const publicRoute = await request(t.http).get('/api/verify/ABCDEFGH').set(bearer);
      expect(publicRoute.status).not.toBe(403); // public routes answer as for anyone
      await request(t.http)
        .post('/api/me/password')
        .set(bearer)
        .send({ currentPassword: 'Given-Pass-2026', newPassword: 'Mine-Own-Pass-1' })
        .expect(204);
      await request(t.http).get('/api/me/assignments').set(bearer).expect(200);
    });

    it('should redirect every page to the change-password page, and let the person sign out', async () => {
      await createUser('first_page');
      const page = await pageLogin(t.http, 'first_page', 'Given-Pass-2026').catch(() => null);
      expect(page).toBeNull(); // pageLogin expects the home page: it is redirected instead
      const agent = request.agent(t.http);
      const login = await agent.get('/login').expect(200);
      await agent
        .post('/login')
        .type('form')
        .send({ username: 'first_page', password: 'Given-Pass-2026', _csrf: csrfIn(login.text) })
        .expect(303);
      await agent.get('/').expect(303).expect('Location', '/account/password');
      await agent.get('/learning').expect(303).expect('Location', '/account/password');
      const form = await agent.get('/account/password').expect(200);
      expect(form.text).toContain('请先设置自己的新密码');
      await agent
        .post('/lessons/any-lesson/complete')
        .type('form')
        .send({ _csrf: csrfIn(form.text) })
        .expect(303)
        .expect('Location', '/account/password');
      await agent
        .post('/account/password')
        .type('form')
        .send({
          currentPassword: 'Given-Pass-2026',
          newPassword: 'Mine-Own-Pass-2',
          confirmPassword: 'Mine-Own-Pass-2',
          _csrf: csrfIn(form.text),
        })
        .expect(303);
      await agent.get('/').expect(200);
    });

    it('should set the flag on an admin password reset and on CSV import, but not for the admin’s own reset', async () => {
      const created = await createUser('reset_me');
      await t.dataSource.query(
        `UPDATE users SET "mustChangePassword" = ${t.dataSource.options.type === 'postgres' ? 'false' : '0'} WHERE "id" = '${created.body.id}'`,
      );
      await request(t.http)
        .patch(`/api/users/${created.body.id}`)
        .set('Authorization', `Bearer ${admin}`)
        .send({ password: 'Reset-By-Admin-1' })
        .expect(200);
      const reset = await apiLogin(t.http, 'reset_me', 'Reset-By-Admin-1');
      await request(t.http).get('/api/courses').set('Authorization', `Bearer ${reset}`).expect(403);

      await request(t.http)
        .post('/api/users/import')
        .set('Authorization', `Bearer ${admin}`)
        .set('Content-Type', 'text/csv')
        .send('username,name,password,role,unit\nimported_one,导入,Imported-Pass-1,officer,甲街道\n')
        .expect(201);
      const imported = await apiLogin(t.http, 'imported_one', 'Imported-Pass-1');
      await request(t.http).get('/api/courses').set('Authorization', `Bearer ${imported}`).expect(403);

      await request(t.http)
        .patch(`/api/users/${org.users.admin.id}`)
        .set('Authorization', `Bearer ${admin}`)
        .send({ password: 'Admin-Own-Pass-9' })
        .expect(200);
      await request(t.http).get('/api/courses').set('Authorization', `Bearer ${admin}`).expect(200);
    });
  });

  describe('the login page', () => {
    it('should say whom to contact when a password is lost', async () => {
      const page = await request(t.http).get('/login').expect(200);
      expect(page.text).toContain('忘记密码？请联系本单位系统管理员');
    });
  });

  // Defect 7: a page form posted after the session ended.
  describe('a form posted with an expired or missing session', () => {
    it('should send the person to the login page and back to the page the form was on', async () => {
      const res = await request(t.http)
        .post('/admin/users')
        .set('Host', 'app.example')
        .set('Referer', 'http://app.example/admin/users?q=%E5%BC%A0')
        .type('form')
        .send({ username: 'x', _csrf: 'stale' })
        .expect(303);
      expect(res.headers.location).toBe(
        `/login?next=${encodeURIComponent('/admin/users?q=%E5%BC%A0')}&expired=1`,
      );
      const login = await request(t.http).get(res.headers.location).expect(200);
      expect(login.text).toContain('登录已超时');
      expect(login.text).toContain('name="next" value="/admin/users?q&#x3D;%E5%BC%A0"'); // Handlebars escapes the equals sign

      const agent = request.agent(t.http);
      const form = await agent.get(res.headers.location).expect(200);
      await agent
        .post('/login')
        .type('form')
        .send({
          username: 'trainer',
          password: TEST_PASSWORD,
          next: '/trainer/assignments?page=2',
          _csrf: csrfIn(form.text),
        })
        .expect(303)
        .expect('Location', '/trainer/assignments?page=2');
    });

    it('should never send the person to another site', async () => {
      for (const referer of [
        'https://evil.example/phish',
        'http://app.example.evil.example/x',
        'javascript:alert(1)',
        'http://app.example//evil.example/',
      ]) {
        const res = await request(t.http)
          .post('/trainer/assignments')
          .set('Host', 'app.example')
          .set('Referer', referer)
          .type('form')
          .send({})
          .expect(303);
        expect(res.headers.location).toBe('/login?next=%2F&expired=1');
      }
      const none = await request(t.http).post('/logout').type('form').send({}).expect(303);
      expect(none.headers.location).toBe('/login?next=%2F&expired=1');
    });

    it('should still answer 401 JSON to the API', async () => {
      expect((await request(t.http).post('/api/assignments').send({}).expect(401)).body.code).toBe(
        'AUTH.UNAUTHENTICATED',
      );
    });
  });
});
