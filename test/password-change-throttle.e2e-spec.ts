import request from 'supertest';
import { AuditLog } from '../src/audit/entities/audit-log.entity';
import { AppConfig } from '../src/config/app-config';
import { User } from '../src/users/entities/user.entity';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';
import { pageLogin } from './utils/page-session';

type Org = Awaited<ReturnType<typeof createOrganisation>>;

// Issue 16 finding 7: changing one's password checked the current one with no limit at all.
describe('Password change under the login throttle (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let limit: number;
  beforeAll(async () => {
    t = await createTestApp();
    org = await createOrganisation(t.dataSource);
    limit = t.app.get(AppConfig).get('LOGIN_MAX_FAILURES_PER_PAIR');
  });
  afterAll(() => t.close());

  const hashOf = async (id: string) =>
    (
      await t.dataSource
        .getRepository(User)
        .createQueryBuilder('u')
        .addSelect('u.passwordHash')
        .where('u.id = :id', { id })
        .getOneOrFail()
    ).passwordHash;
  const audited = (action: string, entityId: string) =>
    t.dataSource.getRepository(AuditLog).countBy({ action, entityId });

  it('should evaluate no more wrong current passwords than the login limit, then refuse even the right one with 429', async () => {
    const token = await apiLogin(t.http, 'officer_a', TEST_PASSWORD);
    const change = (currentPassword: string) =>
      request(t.http)
        .post('/api/me/password')
        .set('Authorization', `Bearer ${token}`)
        .send({ currentPassword, newPassword: 'Brand-New-Pass-7' });
    const before = await hashOf(org.users.officerA.id);

    // A burst of wrong guesses, with another user signing in from the same address meanwhile.
    const [answers, colleague] = await Promise.all([
      Promise.all(Array.from({ length: limit + 15 }, (_, i) => change(`wrong-guess-${i}`))),
      request(t.http).post('/api/auth/login').send({ username: 'officer_b', password: TEST_PASSWORD }),
    ]);
    expect(colleague.status).toBe(200);
    const wrong = answers.filter((a) => a.status === 400);
    const refused = answers.filter((a) => a.status === 429);
    expect(wrong).toHaveLength(limit);
    expect(wrong[0].body.code).toBe('ACCOUNT.WRONG_PASSWORD');
    expect(refused).toHaveLength(15);
    expect(refused[0].body).toMatchObject({
      code: 'AUTH.TOO_MANY_ATTEMPTS',
      retryAfterSeconds: expect.any(Number),
    });
    expect(refused[0].body.message).toMatch(/^当前密码错误次数过多，请 \d+ (分钟|秒)后再试$/);
    expect(Number(refused[0].headers['retry-after'])).toBe(refused[0].body.retryAfterSeconds);
    // Only the evaluated guesses were hashed and recorded as failures.
    expect(await audited('auth.password.change_failed', org.users.officerA.id)).toBe(limit);

    // During the wait the right password is not evaluated either: nothing changes.
    expect((await change(TEST_PASSWORD).expect(429)).body.code).toBe('AUTH.TOO_MANY_ATTEMPTS');
    expect(await hashOf(org.users.officerA.id)).toBe(before);
    // Refusals are audited once a minute, not once per request.
    expect(await audited('auth.password.change_throttled', org.users.officerA.id)).toBe(1);

    // The same counters as sign-in: this account is paused from this address, other users are not.
    expect(
      (
        await request(t.http)
          .post('/api/auth/login')
          .send({ username: 'officer_a', password: TEST_PASSWORD })
          .expect(429)
      ).body.code,
    ).toBe('AUTH.TOO_MANY_ATTEMPTS');
    await apiLogin(t.http, 'manager', TEST_PASSWORD);
    await request(t.http)
      .get('/api/me')
      .set('Authorization', `Bearer ${colleague.body.accessToken as string}`)
      .expect(200);
  });

  it('should start the count afresh once the right current password is given', async () => {
    const token = await apiLogin(t.http, 'trainer', TEST_PASSWORD);
    const change = (currentPassword: string, newPassword = 'Brand-New-Pass-7') =>
      request(t.http)
        .post('/api/me/password')
        .set('Authorization', `Bearer ${token}`)
        .send({ currentPassword, newPassword });
    for (let i = 0; i < limit - 1; i++) await change(`wrong-${i}`).expect(400);
    // Right current password (the new one is refused, but the person has proved who they are).
    expect((await change(TEST_PASSWORD, TEST_PASSWORD).expect(400)).body.code).toBe(
      'ACCOUNT.PASSWORD_UNCHANGED',
    );
    for (let i = 0; i < limit; i++) {
      expect((await change(`again-${i}`).expect(400)).body.code).toBe('ACCOUNT.WRONG_PASSWORD');
    }
    await change('one-too-many').expect(429);
  });

  it('should tell the person on the page, in Chinese, how long to wait', async () => {
    const page = await pageLogin(t.http, 'officer_d', TEST_PASSWORD);
    const post = (currentPassword: string) =>
      page.agent.post('/account/password').type('form').send({
        currentPassword,
        newPassword: 'Another-Pass-88',
        confirmPassword: 'Another-Pass-88',
        _csrf: page.csrf,
      });
    for (let i = 0; i < limit; i++) {
      expect((await post(`wrong-${i}`).expect(400)).text).toContain('当前密码不正确');
    }
    const refused = await post(TEST_PASSWORD).expect(429);
    expect(refused.text).toMatch(/当前密码错误次数过多，请 \d+ (分钟|秒)后再试/);
    expect(refused.text).toContain('name="currentPassword"'); // the form again, not an error page
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});
