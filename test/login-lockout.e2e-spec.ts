// Must stay the first import: it sets TRUST_PROXY and the unknown-name budget before AppModule reads the environment.
import { UNKNOWN_NAMES_PER_ADDRESS } from './utils/login-lockout.env';
import request from 'supertest';
import { AuditLog } from '../src/audit/entities/audit-log.entity';
import { createOrganisation, createUser, TEST_PASSWORD } from './factories/organisation.factory';
import { createTestApp, TestApp } from './utils/create-test-app';

type Org = Awaited<ReturnType<typeof createOrganisation>>;

const login = (t: TestApp, username: string, password: string, from: string, device?: string) => {
  const req = request(t.http).post('/api/auth/login').set('X-Forwarded-For', from);
  if (device !== undefined) req.set('Cookie', `pt_device=${device}`);
  return req.send({ username, password });
};

/** Sends every login at once and counts the answers by status. */
async function burst(count: number, attempt: (i: number) => request.Test) {
  const answers = await Promise.all(Array.from({ length: count }, (_, i) => attempt(i)));
  const counts: Record<number, number> = {};
  for (const a of answers) counts[a.status] = (counts[a.status] ?? 0) + 1;
  return { answers, counts };
}

/** The `pt_device` Set-Cookie line of a response. */
const deviceCookieLine = (res: request.Response): string => {
  const lines = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  return lines.find((line) => line.startsWith('pt_device=')) ?? '';
};
const deviceValue = (res: request.Response) => /^pt_device=([^;]+)/.exec(deviceCookieLine(res))?.[1] ?? '';

describe('Login lockout by strangers (e2e, issue 16 finding 3)', () => {
  let t: TestApp;
  let org: Org;
  beforeAll(async () => {
    t = await createTestApp();
    org = await createOrganisation(t.dataSource);
  });
  afterAll(() => t.close());

  describe('made-up user names from a shared address', () => {
    const office = '198.51.100.20';

    it('should let 30 real officers sign in from an address that sent 60 logins for names that do not exist', async () => {
      const officers = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          createUser(t.dataSource, org.units.streetA, 'officer', { username: `desk_${i}` }),
        ),
      );
      const junk = await burst(60, (i) => login(t, `no_such_${i}`, 'whatever-1', office));
      expect(junk.counts).toEqual({ 401: UNKNOWN_NAMES_PER_ADDRESS, 429: 60 - UNKNOWN_NAMES_PER_ADDRESS });
      const refused = junk.answers.find((a) => a.status === 429);
      expect(refused?.body).toMatchObject({
        code: 'AUTH.TOO_MANY_ATTEMPTS',
        retryAfterSeconds: expect.any(Number),
      });
      expect(Number(refused?.headers['retry-after'])).toBeGreaterThan(0);

      const colleagues = await burst(officers.length, (i) => login(t, `desk_${i}`, TEST_PASSWORD, office));
      expect(colleagues.counts).toEqual({ 200: 30 });
    });

    it('should answer a wrong password for a real name like an unknown name once the address is over its budget', async () => {
      const unknown = await login(t, 'no_such_again', 'whatever-1', office).expect(429);
      const real = await login(t, 'desk_0', 'not-the-password', office).expect(429);
      expect(real.body.code).toBe(unknown.body.code);
      expect(real.body.message).toMatch(/登录尝试过于频繁，请 \d+ 分钟后再试/);
      expect(unknown.body.message).toMatch(/登录尝试过于频繁，请 \d+ 分钟后再试/);
      expect(Object.keys(real.body).sort()).toEqual(Object.keys(unknown.body).sort());
      // Both were evaluated and audited as failures, as before.
      const reasons = await t.dataSource.getRepository(AuditLog).findBy([
        { action: 'auth.login.failed', actorUsername: 'no_such_again' },
        { action: 'auth.login.failed', actorUsername: 'desk_0' },
      ]);
      expect(reasons.map((r) => (r.after as { reason: string }).reason).sort()).toEqual([
        'unknown_user',
        'wrong_password',
      ]);
      // The owner of a real account still gets in from there.
      await login(t, 'desk_0', TEST_PASSWORD, office).expect(200);
    });
  });

  describe('the admin on a known device while strangers guess the password', () => {
    const home = '192.0.2.10';
    let device = '';

    it('should give a known device its own budget: 40 wrong passwords from 2 other addresses do not keep the admin out', async () => {
      const first = await login(t, 'admin', TEST_PASSWORD, home).expect(200);
      expect(deviceCookieLine(first)).toMatch(/; HttpOnly/);
      expect(deviceCookieLine(first)).toMatch(/; SameSite=Lax/);
      const expires = Date.parse(/Expires=([^;]+)/.exec(deviceCookieLine(first))?.[1] ?? '');
      expect(expires - Date.now()).toBeGreaterThan(170 * 86_400_000);
      device = deviceValue(first);

      const guesses = await burst(40, (i) =>
        login(t, 'admin', `guess-${i}`, i % 2 ? '203.0.113.30' : '203.0.113.31'),
      );
      expect(guesses.counts[429]).toBeGreaterThan(0);
      // The admin, from yet another address (the laptop went home), with the device cookie:
      const back = await login(t, 'admin', TEST_PASSWORD, '198.51.100.99', device).expect(200);
      expect(back.body.accessToken).toEqual(expect.any(String));
      const audit = await t.dataSource.getRepository(AuditLog).find({
        where: { action: 'auth.login.succeeded', entityId: org.users.admin.id },
        order: { createdAt: 'DESC' },
      });
      expect(audit[0].after).toMatchObject({ via: 'api', knownDevice: true });
    });

    it('should still make a sign-in without the cookie wait, while the cookie holder gets in', async () => {
      const stranger = await login(t, 'admin', TEST_PASSWORD, home).expect(429);
      expect(stranger.body).toMatchObject({
        code: 'AUTH.TOO_MANY_ATTEMPTS',
        retryAfterSeconds: expect.any(Number),
      });
      expect(Number(stranger.headers['retry-after'])).toBe(stranger.body.retryAfterSeconds);
      await login(t, 'admin', TEST_PASSWORD, home, device).expect(200);
    });

    it('should give a tampered or another account’s device cookie no bypass', async () => {
      const [id, owner, expires, mac] = device.split('.');
      const flipped = `${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`;
      const officer = deviceValue(await login(t, 'officer_a', TEST_PASSWORD, '192.0.2.11').expect(200));
      expect(officer).not.toBe('');
      const forged = [
        `${id}.${owner}.${expires}.${flipped}`,
        `${id}.${owner}.${Number(expires) + 86_400}.${mac}`,
        `${id}.${org.users.officerA.id}.${expires}.${mac}`,
        officer,
        'j:{"deviceId":"x"}',
      ];
      for (const cookie of forged) {
        const res = await login(t, 'admin', TEST_PASSWORD, home, encodeURIComponent(cookie));
        expect(`${cookie.slice(0, 12)}… ${res.status}`).toBe(`${cookie.slice(0, 12)}… 429`);
      }
      await login(t, 'admin', TEST_PASSWORD, home, device).expect(200);
    });

    it('should not let a stolen laptop brute-force either: the device has a small budget of its own', async () => {
      // Counted per device, whatever address the thief moves to.
      for (let i = 0; i < 5; i++) await login(t, 'admin', `stolen-${i}`, `100.64.9.${i}`, device).expect(401);
      const res = await login(t, 'admin', TEST_PASSWORD, '100.64.9.200', device).expect(429);
      expect(res.body.code).toBe('AUTH.TOO_MANY_ATTEMPTS');
    });
  });

  it('should make the login form set the device cookie too', async () => {
    const agent = request.agent(t.http);
    const page = await agent.get('/login').set('X-Forwarded-For', '192.0.2.12').expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
    const res = await agent
      .post('/login')
      .set('X-Forwarded-For', '192.0.2.12')
      .type('form')
      .send({ username: 'trainer', password: TEST_PASSWORD, _csrf: csrf })
      .expect(303);
    expect(deviceCookieLine(res)).toMatch(/^pt_device=[^;]+;.*HttpOnly/);
  });
});
