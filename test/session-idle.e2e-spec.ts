import request from 'supertest';
import { IsNull } from 'typeorm';
import { hashToken } from '../src/auth/auth-sessions.service';
import { AuthSession } from '../src/auth/entities/auth-session.entity';
import { AppConfig } from '../src/config/app-config';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';
import { pageLogin } from './utils/page-session';

type Org = Awaited<ReturnType<typeof createOrganisation>>;

// Issue 16 finding 13: a session stayed valid for its whole lifetime however long it sat unused.
describe('Idle timeout of sessions (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let idleMinutes: number;
  beforeAll(async () => {
    t = await createTestApp();
    org = await createOrganisation(t.dataSource);
    idleMinutes = t.app.get(AppConfig).get('SESSION_IDLE_MINUTES');
  });
  afterAll(() => t.close());

  const sessions = () => t.dataSource.getRepository(AuthSession);
  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
  const ofToken = (token: string) => sessions().findOneByOrFail({ tokenHash: hashToken(token) });
  const me = (token: string) => request(t.http).get('/api/me').set('Authorization', `Bearer ${token}`);

  it('should end a token unused for SESSION_IDLE_MINUTES with 401 AUTH.SESSION_IDLE, and keep it ended', async () => {
    expect(idleMinutes).toBe(30);
    const token = await apiLogin(t.http, 'officer_a', TEST_PASSWORD);
    const row = await ofToken(token);
    expect(row.lastSeenAt).toBeInstanceOf(Date); // set at login
    await sessions().update({ id: row.id }, { lastSeenAt: minutesAgo(idleMinutes + 1) });

    const res = await me(token).expect(401);
    expect(res.body).toMatchObject({ code: 'AUTH.SESSION_IDLE', message: '长时间未操作，请重新登录' });
    expect((await ofToken(token)).revokedAt).not.toBeNull();
    // Even if its last use were recent again, a revoked session stays ended.
    await sessions().update({ id: row.id }, { lastSeenAt: new Date() });
    expect((await me(token).expect(401)).body.code).toBe('AUTH.UNAUTHENTICATED');
    // Signing in again works.
    await me(await apiLogin(t.http, 'officer_a', TEST_PASSWORD)).expect(200);
  });

  it('should keep a session in use working, recording its use at most once a minute', async () => {
    const token = await apiLogin(t.http, 'officer_b', TEST_PASSWORD);
    const { id } = await ofToken(token);

    // Used 30 seconds ago: requests within the minute write nothing.
    const recent = minutesAgo(0.5);
    await sessions().update({ id }, { lastSeenAt: recent });
    for (let i = 0; i < 3; i++) await me(token).expect(200);
    expect((await ofToken(token)).lastSeenAt.getTime()).toBe(recent.getTime());

    // Used just inside the limit: still signed in, and the use moves the idle clock on.
    const nearlyIdle = minutesAgo(idleMinutes - 1);
    await sessions().update({ id }, { lastSeenAt: nearlyIdle });
    await me(token).expect(200);
    const moved = (await ofToken(token)).lastSeenAt.getTime();
    expect(moved).toBeGreaterThan(nearlyIdle.getTime() + (idleMinutes - 2) * 60_000);
    await me(token).expect(200);
    expect((await ofToken(token)).lastSeenAt.getTime()).toBe(moved);
    expect((await ofToken(token)).revokedAt).toBeNull();
  });

  it('should send an idle page session to the login page with a note in Chinese', async () => {
    const page = await pageLogin(t.http, 'officer_d', TEST_PASSWORD);
    const open = () => sessions().find({ where: { userId: org.users.officerDept.id, revokedAt: IsNull() } });
    const [row] = await open();
    await sessions().update({ id: row.id }, { lastSeenAt: minutesAgo(idleMinutes + 5) });

    const res = await page.agent.get('/learning').expect(303);
    expect(res.headers.location).toBe('/login?next=%2Flearning&idle=1');
    const login = await page.agent.get(res.headers.location).expect(200);
    expect(login.text).toContain('长时间未操作，请重新登录');
    expect(login.text).toContain('name="next" value="/learning"');
    expect(await open()).toHaveLength(0);
    await page.agent.get('/learning').expect(303);
  });

  it('should treat a form posted on an idle session the same way', async () => {
    const page = await pageLogin(t.http, 'manager', TEST_PASSWORD);
    const [row] = await sessions().find({ where: { userId: org.users.manager.id, revokedAt: IsNull() } });
    await sessions().update({ id: row.id }, { lastSeenAt: minutesAgo(idleMinutes + 5) });
    const res = await page.agent
      .post('/account/password')
      .set('Host', 'app.example')
      .set('Referer', 'http://app.example/account/password')
      .type('form')
      .send({
        currentPassword: TEST_PASSWORD,
        newPassword: 'Another-Pass-88',
        confirmPassword: 'Another-Pass-88',
        _csrf: page.csrf,
      })
      .expect(303);
    expect(res.headers.location).toBe('/login?next=%2Faccount%2Fpassword&idle=1');
  });
});
