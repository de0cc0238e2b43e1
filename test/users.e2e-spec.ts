import request from 'supertest';
import { IsNull } from 'typeorm';
import { AuditLog } from '../src/audit/entities/audit-log.entity';
import { AuthSession } from '../src/auth/entities/auth-session.entity';
import { User } from '../src/users/entities/user.entity';
import { TEST_PASSWORD } from './factories/organisation.factory';
import { apiLogin, TestApp } from './utils/create-test-app';
import { pageLogin } from './utils/page-session';
import { OrganisationApi, Org, startOrganisationApi } from './utils/organisation-api';

describe('Users API and audit log (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let as: OrganisationApi['as'];
  beforeAll(async () => {
    ({ t, org, as } = await startOrganisationApi());
  });
  afterAll(() => t.close());

  describe('reading users', () => {
    it('should page through all users for an admin, without password hashes', async () => {
      const res = await request(t.http).get('/api/users?limit=3&offset=0').set(as('admin')).expect(200);
      expect(res.body.items).toHaveLength(3);
      expect(res.body.total).toBeGreaterThanOrEqual(7);
      expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|argon2/);
      expect(res.body.items[0]).toEqual(
        expect.objectContaining({
          id: expect.any(String),
          username: expect.any(String),
          unitName: expect.any(String),
          disabled: false,
        }),
      );
      const bad = await request(t.http).get('/api/users?limit=500').set(as('admin')).expect(400);
      expect(bad.body.errors).toEqual({ limit: 'max' });
    });

    it('should filter by unit including the units below it', async () => {
      const res = await request(t.http)
        .get(`/api/users?unitId=${org.units.streetA.id}`)
        .set(as('admin'))
        .expect(200);
      expect(res.body.items.map((u: { username: string }) => u.username).sort()).toEqual([
        'manager',
        'officer_a',
        'officer_a2',
      ]);
    });

    it('should list only their own subtree to a manager', async () => {
      const res = await request(t.http).get('/api/users?limit=200').set(as('manager')).expect(200);
      expect(res.body.items.map((u: { username: string }) => u.username).sort()).toEqual([
        'manager',
        'officer_a',
        'officer_a2',
      ]);
      expect(res.body.total).toBe(3);
      await request(t.http).get(`/api/users?unitId=${org.units.streetB.id}`).set(as('manager')).expect(404);
    });

    it('should let a manager read officers in the subtree, including a community, and not others', async () => {
      await request(t.http).get(`/api/users/${org.users.officerA.id}`).set(as('manager')).expect(200);
      const community = await request(t.http)
        .get(`/api/users/${org.users.officerA2.id}`)
        .set(as('manager'))
        .expect(200);
      expect(community.body).toMatchObject({ username: 'officer_a2', unitId: org.units.communityA.id });
      const outside = await request(t.http)
        .get(`/api/users/${org.users.officerB.id}`)
        .set(as('manager'))
        .expect(404);
      expect(outside.body.code).toBe('USER.NOT_FOUND');
    });

    it('should let an officer read himself only, and not list users', async () => {
      const self = await request(t.http)
        .get(`/api/users/${org.users.officerA.id}`)
        .set(as('officerA'))
        .expect(200);
      expect(self.body.username).toBe('officer_a');
      await request(t.http).get(`/api/users/${org.users.officerB.id}`).set(as('officerA')).expect(404);
      const list = await request(t.http).get('/api/users').set(as('officerA')).expect(403);
      expect(list.body.code).toBe('AUTH.FORBIDDEN');
    });

    it('should let a trainer read anyone in the bureau', async () => {
      await request(t.http).get(`/api/users/${org.users.officerDept.id}`).set(as('trainer')).expect(200);
    });
  });

  describe('creating and changing users', () => {
    it('should create a user who can then log in, and audit it without the hash', async () => {
      const res = await request(t.http)
        .post('/api/users')
        .set(as('admin'))
        .send({
          username: ' ZhangSan ',
          name: '张三',
          password: 'Xinfang-Train-1',
          role: 'officer',
          unitId: org.units.streetB.id,
        })
        .expect(201);
      expect(res.body).toMatchObject({
        username: 'zhangsan',
        name: '张三',
        role: 'officer',
        unitId: org.units.streetB.id,
        disabled: false,
      });
      expect(res.body).not.toHaveProperty('passwordHash');
      await apiLogin(t.http, 'ZHANGSAN', 'Xinfang-Train-1');
      const audit = await t.dataSource
        .getRepository(AuditLog)
        .findOneByOrFail({ action: 'user.create', entityId: res.body.id });
      expect(audit.after).toEqual({
        username: 'zhangsan',
        name: '张三',
        role: 'officer',
        unitId: org.units.streetB.id,
        disabled: false,
      });
      expect(JSON.stringify(audit)).not.toMatch(/argon2|Xinfang-Train-1/);
    });

    it('should refuse common and trivial passwords (ASVS 6.2.4), API and page alike, and accept a strong one', async () => {
      const base = { name: '王五', role: 'officer', unitId: org.units.streetB.id };
      const examples: Array<[string, string]> = [
        ['qwertyuiop', 'password_too_common'],
        ['aaaaaaaa', 'password_too_simple'],
        ['        ', 'password_too_simple'],
        ['Passw0rd!', 'password_too_common'],
        ['密码密码密码密码', 'password_too_simple'],
        ['abcabcabc', 'password_too_simple'],
        ['Xinfang@2026', 'password_too_common'], // the published demo password
        ['XINFANG@2026', 'password_too_common'],
        ['iloveyou2', 'password_too_common'],
        ['Wangwu_2026', 'password_equals_username'],
      ];
      const pages = await pageLogin(t.http, 'admin', TEST_PASSWORD);
      for (const [password, code] of examples) {
        const api = await request(t.http)
          .post('/api/users')
          .set(as('admin'))
          .send({ ...base, username: 'wangwu_2026', password })
          .expect(400);
        expect({ password, errors: api.body.errors }).toEqual({ password, errors: { password: code } });
        const page = await pages.agent
          .post('/admin/users')
          .type('form')
          .send({ ...base, username: 'wangwu_2026', password, _csrf: pages.csrf })
          .expect(400);
        const said =
          code === 'password_too_simple'
            ? '密码只是重复的字符或片段'
            : code === 'password_too_common'
              ? '密码过于常见'
              : '密码不能与用户名相同';
        expect({ password, shown: page.text.includes(said) }).toEqual({ password, shown: true });
      }
      expect(await t.dataSource.getRepository(User).countBy({ username: 'wangwu_2026' })).toBe(0);
      await request(t.http)
        .post('/api/users')
        .set(as('admin'))
        .send({ ...base, username: 'wangwu_2026', password: 'Quiet-Harbour-Lamp-58' })
        .expect(201);
    });

    it('should refuse a weak password with its policy code and a taken username with 409', async () => {
      const base = { name: '李四', role: 'officer', unitId: org.units.streetB.id };
      const weak = await request(t.http)
        .post('/api/users')
        .set(as('admin'))
        .send({ ...base, username: 'lisi', password: 'short' })
        .expect(400);
      expect(weak.body).toMatchObject({
        code: 'VALIDATION.FAILED',
        errors: { password: 'password_too_short' },
      });
      const common = await request(t.http)
        .post('/api/users')
        .set(as('admin'))
        .send({ ...base, username: 'lisi', password: 'password123' })
        .expect(400);
      expect(common.body.errors).toEqual({ password: 'password_too_common' });
      const taken = await request(t.http)
        .post('/api/users')
        .set(as('admin'))
        .send({ ...base, username: 'Officer_A', password: 'Xinfang-Train-1' })
        .expect(409);
      expect(taken.body).toMatchObject({
        code: 'USER.USERNAME_TAKEN',
        errors: { username: 'username_taken' },
      });
      const unit = await request(t.http)
        .post('/api/users')
        .set(as('admin'))
        .send({
          ...base,
          username: 'lisi',
          password: 'Xinfang-Train-1',
          unitId: '00000000-0000-4000-8000-000000000000',
        })
        .expect(400);
      expect(unit.body.errors).toEqual({ unitId: 'not_found' });
      expect(await t.dataSource.getRepository(User).countBy({ username: 'lisi' })).toBe(0);
    });

    it('should change role and unit and audit before and after', async () => {
      const res = await request(t.http)
        .patch(`/api/users/${org.users.officerDept.id}`)
        .set(as('admin'))
        .send({ role: 'manager', unitId: org.units.streetB.id, name: '部门负责人' })
        .expect(200);
      expect(res.body).toMatchObject({ role: 'manager', unitId: org.units.streetB.id, name: '部门负责人' });
      const audit = await t.dataSource
        .getRepository(AuditLog)
        .findOneByOrFail({ action: 'user.update', entityId: org.users.officerDept.id });
      expect(audit.before).toMatchObject({ role: 'officer', unitId: org.units.dept.id });
      expect(audit.after).toMatchObject({
        role: 'manager',
        unitId: org.units.streetB.id,
        name: '部门负责人',
      });
    });

    it('should end every session of a user who is disabled', async () => {
      const userToken = await apiLogin(t.http, 'officer_a2', TEST_PASSWORD);
      await request(t.http).get('/api/me').set('Authorization', `Bearer ${userToken}`).expect(200);
      const res = await request(t.http)
        .patch(`/api/users/${org.users.officerA2.id}`)
        .set(as('admin'))
        .send({ disabled: true })
        .expect(200);
      expect(res.body.disabled).toBe(true);
      const after = await request(t.http)
        .get('/api/me')
        .set('Authorization', `Bearer ${userToken}`)
        .expect(401);
      expect(after.body.code).toBe('AUTH.UNAUTHENTICATED');
      const open = await t.dataSource
        .getRepository(AuthSession)
        .countBy({ userId: org.users.officerA2.id, revokedAt: IsNull() });
      expect(open).toBe(0);
      const refused = await request(t.http)
        .post('/api/auth/login')
        .send({ username: 'officer_a2', password: TEST_PASSWORD })
        .expect(403);
      expect(refused.body.code).toBe('AUTH.ACCOUNT_DISABLED');
      await request(t.http)
        .patch(`/api/users/${org.users.officerA2.id}`)
        .set(as('admin'))
        .send({ disabled: false })
        .expect(200);
    });

    it('should answer 400 to null fields in a PATCH and leave the user unchanged', async () => {
      for (const field of ['name', 'role', 'unitId', 'disabled', 'password']) {
        const res = await request(t.http)
          .patch(`/api/users/${org.users.officerB.id}`)
          .set(as('admin'))
          .send({ [field]: null })
          .expect(400);
        expect(res.body.code).toBe('VALIDATION.FAILED');
        expect(Object.keys(res.body.errors)).toEqual([field]);
      }
      const saved = await t.dataSource.getRepository(User).findOneByOrFail({ id: org.users.officerB.id });
      expect(saved).toMatchObject({
        name: org.users.officerB.name,
        role: 'officer',
        unitId: org.units.streetB.id,
        disabled: false,
      });
    });

    it('should not let an admin disable himself', async () => {
      const res = await request(t.http)
        .patch(`/api/users/${org.users.admin.id}`)
        .set(as('admin'))
        .send({ disabled: true })
        .expect(400);
      expect(res.body.code).toBe('USER.SELF_LOCKOUT');
    });

    it('should create every user when several requests arrive at once', async () => {
      const names = Array.from({ length: 7 }, (_, i) => `parallel_${i}`);
      const results = await Promise.all(
        names.map((username) =>
          request(t.http)
            .post('/api/users')
            .set(as('admin'))
            .send({
              username,
              name: `并发${username}`,
              password: 'Xinfang-Train-1',
              role: 'officer',
              unitId: org.units.streetA.id,
            }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(names.map(() => 201));
      const rows = await t.dataSource.getRepository(User).findBy(names.map((username) => ({ username })));
      expect(rows).toHaveLength(names.length);
      const audits = await t.dataSource
        .getRepository(AuditLog)
        .findBy(rows.map((r) => ({ action: 'user.create', entityId: r.id })));
      expect(audits).toHaveLength(names.length);
    });
  });

  describe('audit log', () => {
    it('should list audit entries to admins, newest first, filterable by action', async () => {
      const res = await request(t.http)
        .get('/api/audit?action=user.create&limit=5')
        .set(as('admin'))
        .expect(200);
      expect(res.body.total).toBeGreaterThanOrEqual(8);
      expect(res.body.items).toHaveLength(5);
      expect(res.body.items.every((a: { action: string }) => a.action === 'user.create')).toBe(true);
      const times = res.body.items.map((a: { createdAt: string }) => Date.parse(a.createdAt));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      await request(t.http).get('/api/audit').set(as('trainer')).expect(403);
    });
  });
});
