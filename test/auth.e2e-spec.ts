import request from 'supertest';
import { AuditService } from '../src/audit/audit.service';
import { AuthSession } from '../src/auth/entities/auth-session.entity';
import { SessionPrunerService } from '../src/auth/session-pruner.service';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';

describe('Authentication (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await createOrganisation(t.dataSource);
  });
  afterAll(() => t.close());

  it('should return a token and the user for correct credentials', async () => {
    const res = await request(t.http)
      .post('/api/auth/login')
      .send({ username: 'officer_a', password: TEST_PASSWORD })
      .expect(200);
    expect(res.body.accessToken).toEqual(expect.any(String));
    expect(res.body.user).toMatchObject({ username: 'officer_a', role: 'officer' });
    const me = await request(t.http)
      .get('/api/me')
      .set('Authorization', `Bearer ${res.body.accessToken}`)
      .expect(200);
    expect(me.body.username).toBe('officer_a');
  });

  it('should answer 401 AUTH.INVALID_CREDENTIALS for a wrong password', async () => {
    const res = await request(t.http)
      .post('/api/auth/login')
      .send({ username: 'officer_b', password: 'wrong-password' })
      .expect(401);
    expect(res.body.code).toBe('AUTH.INVALID_CREDENTIALS');
  });

  it('should name the type, not the length, when the password is sent as a number', async () => {
    const res = await request(t.http)
      .post('/api/auth/login')
      .send({ username: 'officer_b', password: 12345678 })
      .expect(400);
    expect(res.body.errors).toMatchObject({ password: 'isString' });
    expect(res.body.message).toContain('password');
    expect(res.body.message).not.toContain('256');
  });

  it('should refuse the token after logout', async () => {
    const token = await apiLogin(t.http, 'officer_a2', TEST_PASSWORD);
    await request(t.http).post('/api/auth/logout').set('Authorization', `Bearer ${token}`).expect(204);
    const res = await request(t.http).get('/api/me').set('Authorization', `Bearer ${token}`).expect(401);
    expect(res.body.code).toBe('AUTH.UNAUTHENTICATED');
  });

  it('should issue no session when the login cannot be recorded in the audit log', async () => {
    const sessions = t.dataSource.getRepository(AuthSession);
    const before = await sessions.count();
    const audit = jest
      .spyOn(t.app.get(AuditService), 'recordIn')
      .mockRejectedValueOnce(new Error('audit log unavailable'));
    await request(t.http)
      .post('/api/auth/login')
      .send({ username: 'trainer', password: TEST_PASSWORD })
      .expect(500);
    audit.mockRestore();
    expect(await sessions.count()).toBe(before);
  });

  it('should keep the token working when the logout cannot be recorded in the audit log', async () => {
    const token = await apiLogin(t.http, 'trainer', TEST_PASSWORD);
    const audit = jest
      .spyOn(t.app.get(AuditService), 'recordIn')
      .mockRejectedValueOnce(new Error('audit log unavailable'));
    await request(t.http).post('/api/auth/logout').set('Authorization', `Bearer ${token}`).expect(500);
    audit.mockRestore();
    await request(t.http).get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
  });

  it('should look up the login name through the LOWER(username) index', async () => {
    if (t.dataSource.options.type === 'postgres') {
      const rows: unknown[] = await t.dataSource.query(
        `SELECT indexdef FROM pg_indexes WHERE indexname = 'idx_users_username_lower'`,
      );
      expect(JSON.stringify(rows)).toMatch(/lower\(\(?username/i);
      return;
    }
    const plan: Array<{ detail: string }> = await t.dataSource.query(
      `EXPLAIN QUERY PLAN SELECT "u"."id" FROM "users" "u" WHERE LOWER("u"."username") = LOWER(?)`,
      ['Officer_A'],
    );
    expect(plan.map((p) => p.detail).join(' ')).toContain('idx_users_username_lower');
  });

  it('should delete sessions that ended more than 30 days ago and keep the others', async () => {
    const sessions = t.dataSource.getRepository(AuthSession);
    await apiLogin(t.http, 'officer_d', TEST_PASSWORD);
    const [live] = await sessions.find({ order: { createdAt: 'DESC' }, take: 1 });
    const later = new Date(Date.now() + 40 * 86_400_000);
    await sessions.update({ id: live.id }, { expiresAt: new Date(Date.now() + 3600_000) });
    const deleted = await t.app.get(SessionPrunerService).prune(later);
    expect(deleted).toBeGreaterThan(0);
    expect(await sessions.findOneBy({ id: live.id })).toBeNull();

    const fresh = await apiLogin(t.http, 'officer_d', TEST_PASSWORD);
    await t.app.get(SessionPrunerService).prune(new Date());
    await request(t.http).get('/api/me').set('Authorization', `Bearer ${fresh}`).expect(200);
  });

  it('should answer 400 with a stable code for malformed JSON', async () => {
    const res = await request(t.http)
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"username":')
      .expect(400);
    expect(res.body.code).toBe('REQUEST.MALFORMED_BODY');
  });
});
