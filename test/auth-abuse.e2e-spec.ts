// Must stay the first import: it sets TRUST_PROXY and a short account delay before AppModule reads the environment.
import { FIRST_ACCOUNT_DELAY_SECONDS } from './utils/auth-abuse.env';
import * as argon2 from 'argon2';
import request from 'supertest';
import { IsNull } from 'typeorm';
import { AuditLog } from '../src/audit/entities/audit-log.entity';
import { AuthSession } from '../src/auth/entities/auth-session.entity';
import { User } from '../src/users/entities/user.entity';
import { createOrganisation, createUser, TEST_PASSWORD } from './factories/organisation.factory';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';
import { pageLogin } from './utils/page-session';

type Org = Awaited<ReturnType<typeof createOrganisation>>;

/** Sends every login at once (each from `from(i)`) and counts the answers by status. */
async function burst(
  t: TestApp,
  count: number,
  attempt: (i: number) => { username: string; password: string; from: string },
) {
  const answers = await Promise.all(
    Array.from({ length: count }, (_, i) => {
      const { username, password, from } = attempt(i);
      return request(t.http)
        .post('/api/auth/login')
        .set('X-Forwarded-For', from)
        .send({ username, password });
    }),
  );
  const counts: Record<number, number> = {};
  for (const a of answers) counts[a.status] = (counts[a.status] ?? 0) + 1;
  return { answers, counts };
}

const login = (t: TestApp, username: string, password: string, from: string) =>
  request(t.http).post('/api/auth/login').set('X-Forwarded-For', from).send({ username, password });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Auth abuse: throttles under parallel bursts, sessions, CSRF (e2e)', () => {
  let t: TestApp;
  let org: Org;
  beforeAll(async () => {
    t = await createTestApp();
    org = await createOrganisation(t.dataSource);
  });
  afterAll(() => t.close());

  describe('throttles count before the password is checked (parallel bursts)', () => {
    it('should evaluate at most 5 of 40 simultaneous logins for one account from one address (39 wrong + 1 right)', async () => {
      const { answers, counts } = await burst(t, 40, (i) => ({
        username: 'officer_a',
        password: i === 20 ? TEST_PASSWORD : `wrong-${i}`,
        from: '203.0.113.1',
      }));
      expect(counts[429]).toBe(35);
      expect((counts[401] ?? 0) + (counts[200] ?? 0)).toBe(5);
      const refused = answers.find((a) => a.status === 429);
      expect(refused?.body).toMatchObject({
        code: 'AUTH.TOO_MANY_ATTEMPTS',
        retryAfterSeconds: expect.any(Number),
      });
      expect(refused?.body.message).toMatch(/请 \d+ 分钟后再试/);
      expect(Number(refused?.headers['retry-after'])).toBe(refused?.body.retryAfterSeconds);
      // Refusals are audited once per account, address and minute: a flood of 429s is not a flood of writes.
      const audited = await t.dataSource
        .getRepository(AuditLog)
        .countBy({ action: 'auth.login.throttled', actorUsername: 'officer_a' });
      expect(audited).toBe(1);
    });

    it('should not lock the account for its owner at another address: the pair is throttled, not the account', async () => {
      const owner = await login(t, 'officer_a', TEST_PASSWORD, '198.51.100.7').expect(200);
      expect(owner.body.accessToken).toEqual(expect.any(String));
      await login(t, 'officer_a', TEST_PASSWORD, '203.0.113.1').expect(429);
    });

    it('should answer 429 to 80 simultaneous unknown-user attempts from one address beyond the per-address limit', async () => {
      const { counts } = await burst(t, 80, (i) => ({
        username: `nobody_${i}`,
        password: 'whatever-1',
        from: '203.0.113.2',
      }));
      expect(counts[401]).toBe(50);
      expect(counts[429]).toBe(30);
      // Only for guesses: a wrong password for a real name is refused alike (no hint which names exist),
      // but made-up names cannot shut the real owners out (issue 16 finding 3).
      await login(t, 'officer_b', 'not-the-password', '203.0.113.2').expect(429);
      await login(t, 'officer_b', TEST_PASSWORD, '203.0.113.2').expect(200);
    });

    it('should let a classroom behind one address sign in together: successes do not count against it', async () => {
      const officers = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          createUser(t.dataSource, org.units.streetA, 'officer', { username: `class_${i}` }),
        ),
      );
      // A few typos first, as a real class would make.
      for (let i = 0; i < 10; i++) await login(t, `class_${i}`, 'typo-typo', '192.0.2.50').expect(401);
      const { counts } = await burst(t, officers.length, (i) => ({
        username: `class_${i}`,
        password: TEST_PASSWORD,
        from: '192.0.2.50',
      }));
      expect(counts).toEqual({ 200: 40 });
    });

    it('should slow the account down from every address with growing waits instead of a hard lock', async () => {
      const attacker = (i: number) => `100.64.${Math.floor(i / 200)}.${i % 200}`;
      const first = await burst(t, 30, (i) => ({
        username: 'manager',
        password: `guess-${i}`,
        from: attacker(i),
      }));
      expect(first.counts).toEqual({ 401: 10, 429: 20 });
      const wait = first.answers.find((a) => a.status === 429)?.body.retryAfterSeconds as number;
      expect(wait).toBeLessThanOrEqual(FIRST_ACCOUNT_DELAY_SECONDS);
      // The owner meets the wait too, but it ends by itself:
      await login(t, 'manager', TEST_PASSWORD, '198.51.100.8').expect(429);
      await sleep(FIRST_ACCOUNT_DELAY_SECONDS * 1000 + 300);
      await login(t, 'manager', TEST_PASSWORD, '198.51.100.8').expect(200);

      // Ten more failures: the next wait is twice as long.
      const second = await burst(t, 12, (i) => ({
        username: 'manager',
        password: `guess-b-${i}`,
        from: attacker(100 + i),
      }));
      expect(second.counts[401]).toBeLessThanOrEqual(11);
      const next = second.answers.find((a) => a.status === 429)?.body.retryAfterSeconds as number;
      expect(next).toBeGreaterThan(wait);
      expect(next).toBeLessThanOrEqual(FIRST_ACCOUNT_DELAY_SECONDS * 2);
    });

    it('should tell the person on the login page how long to wait', async () => {
      const agent = request.agent(t.http);
      const page = await agent.get('/login').set('X-Forwarded-For', '203.0.113.1').expect(200);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
      const res = await agent
        .post('/login')
        .set('X-Forwarded-For', '203.0.113.1')
        .type('form')
        .send({ username: 'officer_a', password: TEST_PASSWORD, _csrf: csrf })
        .expect(429);
      expect(res.text).toMatch(/请 \d+ 分钟后再试/);
      expect(res.headers['retry-after']).toEqual(expect.any(String));
    });
  });

  describe('disabled accounts', () => {
    it('should say the account is disabled only after the right password, and audit it', async () => {
      const user = await createUser(t.dataSource, org.units.streetB, 'officer', {
        username: 'gone_officer',
        disabled: true,
      });
      const wrong = await login(t, 'gone_officer', 'not-the-password', '192.0.2.60').expect(401);
      expect(wrong.body).toMatchObject({ code: 'AUTH.INVALID_CREDENTIALS', message: '用户名或密码错误' });
      const right = await login(t, 'gone_officer', TEST_PASSWORD, '192.0.2.60').expect(403);
      expect(right.body.code).toBe('AUTH.ACCOUNT_DISABLED');
      expect(right.body.message).toContain('账号已停用，请联系');
      expect(right.body.accessToken).toBeUndefined();
      const audit = await t.dataSource
        .getRepository(AuditLog)
        .findBy({ action: 'auth.login.failed', entityId: user.id });
      expect(audit.map((a) => (a.after as { reason: string }).reason).sort()).toEqual([
        'disabled',
        'wrong_password',
      ]);
    });

    it('should show the disabled message on the login form', async () => {
      await createUser(t.dataSource, org.units.streetB, 'officer', { username: 'gone_form', disabled: true });
      const agent = request.agent(t.http);
      const page = await agent.get('/login').set('X-Forwarded-For', '192.0.2.61').expect(200);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
      const res = await agent
        .post('/login')
        .set('X-Forwarded-For', '192.0.2.61')
        .type('form')
        .send({ username: 'gone_form', password: TEST_PASSWORD, _csrf: csrf })
        .expect(403);
      expect(res.text).toContain('账号已停用，请联系');
      expect(res.headers['set-cookie']?.toString() ?? '').not.toContain('pt_session=');
    });

    it('should cut off a user at once when disabled: bearer tokens and page sessions alike', async () => {
      const victim = await createUser(t.dataSource, org.units.streetB, 'officer', { username: 'to_disable' });
      const token = await apiLogin(t.http, 'to_disable', TEST_PASSWORD);
      const pages = await pageLogin(t.http, 'to_disable', TEST_PASSWORD);
      // Even without the admin's API (which also revokes sessions): the guard checks the flag on every request.
      await t.dataSource.getRepository(User).update({ id: victim.id }, { disabled: true });
      await request(t.http).get('/api/me').set('Authorization', `Bearer ${token}`).expect(401);
      const page = await pages.agent.get('/learning').expect(303);
      expect(page.headers.location).toMatch(/^\/login/);
    });
  });

  describe('revoked and expired sessions', () => {
    it('should refuse a token after logout and after it expires', async () => {
      const revoked = await apiLogin(t.http, 'officer_b', TEST_PASSWORD);
      await request(t.http).post('/api/auth/logout').set('Authorization', `Bearer ${revoked}`).expect(204);
      await request(t.http).get('/api/me').set('Authorization', `Bearer ${revoked}`).expect(401);

      const expiring = await apiLogin(t.http, 'officer_b', TEST_PASSWORD);
      await request(t.http).get('/api/me').set('Authorization', `Bearer ${expiring}`).expect(200);
      const sessions = t.dataSource.getRepository(AuthSession);
      const [latest] = await sessions.find({
        where: { userId: org.users.officerB.id, revokedAt: IsNull() },
        order: { createdAt: 'DESC' },
        take: 1,
      });
      await sessions.update({ id: latest.id }, { expiresAt: new Date(Date.now() - 1000) });
      const res = await request(t.http).get('/api/me').set('Authorization', `Bearer ${expiring}`).expect(401);
      expect(res.body.code).toBe('AUTH.UNAUTHENTICATED');
    });

    it('should refuse a page session after logout', async () => {
      const pages = await pageLogin(t.http, 'officer_d', TEST_PASSWORD);
      await pages.agent.post('/logout').type('form').send({ _csrf: pages.csrf }).expect(303);
      await pages.agent.get('/learning').expect(303);
    });
  });

  describe('CSRF on page forms', () => {
    it('should refuse the login form without its CSRF cookie and token', async () => {
      const res = await request(t.http)
        .post('/login')
        .type('form')
        .send({ username: 'officer_b', password: TEST_PASSWORD })
        .expect(403);
      expect(res.text).toContain('AUTH.CSRF_INVALID');
    });

    it('should refuse a signed-in form post without the session CSRF token, or with another session’s', async () => {
      const mine = await pageLogin(t.http, 'trainer', TEST_PASSWORD);
      const theirs = await pageLogin(t.http, 'officer_a2', TEST_PASSWORD);
      await mine.agent.post('/logout').type('form').send({}).expect(403);
      await mine.agent.post('/logout').type('form').send({ _csrf: theirs.csrf }).expect(403);
      await mine.agent.get('/learning').expect(200);
    });
  });

  describe('password hashes', () => {
    it('should rehash an old-parameter hash at the next successful sign-in', async () => {
      const old = await argon2.hash(TEST_PASSWORD, { type: argon2.argon2id }); // node-argon2 defaults: m=65536, t=3, p=4
      const user = await createUser(t.dataSource, org.units.streetA, 'officer', { username: 'old_hash' });
      const users = t.dataSource.getRepository(User);
      await users.update({ id: user.id }, { passwordHash: old });
      await login(t, 'old_hash', TEST_PASSWORD, '192.0.2.70').expect(200);
      const stored = await users
        .createQueryBuilder('u')
        .addSelect('u.passwordHash')
        .where('u.id = :id', { id: user.id })
        .getOneOrFail();
      expect(stored.passwordHash).toMatch(/^\$argon2id\$v=19\$/);
      expect(
        argon2.needsRehash(stored.passwordHash, { memoryCost: 19_456, timeCost: 2, parallelism: 1 }),
      ).toBe(false);
      expect(await argon2.verify(stored.passwordHash, TEST_PASSWORD)).toBe(true);
      await login(t, 'old_hash', TEST_PASSWORD, '192.0.2.70').expect(200);
    });
  });
});
