// Must stay the first import: it lowers LOGIN_MAX_FAILURES_PER_IP before AppModule reads the environment.
import { LOW_IP_LOGIN_LIMIT } from './utils/low-ip-login-limit.env';
import request from 'supertest';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { createTestApp, TestApp } from './utils/create-test-app';

describe('Login throttling per address (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await createOrganisation(t.dataSource);
  });
  afterAll(() => t.close());

  it('should let a classroom of officers behind one address sign in, since successes do not count', async () => {
    for (let i = 0; i < LOW_IP_LOGIN_LIMIT + 3; i++) {
      const username = ['officer_a', 'officer_b', 'officer_d', 'trainer', 'manager', 'admin'][i % 6];
      await request(t.http).post('/api/auth/login').send({ username, password: TEST_PASSWORD }).expect(200);
    }
  });

  it('should answer 429 once one address has used up its failures, whatever the account', async () => {
    const usernames = ['officer_a', 'officer_b', 'officer_d', 'trainer', 'manager'];
    for (const username of usernames.slice(0, LOW_IP_LOGIN_LIMIT)) {
      await request(t.http)
        .post('/api/auth/login')
        .send({ username, password: 'not-the-password' })
        .expect(401);
    }
    const res = await request(t.http)
      .post('/api/auth/login')
      .send({ username: 'admin', password: TEST_PASSWORD })
      .expect(429);
    expect(res.body.code).toBe('AUTH.TOO_MANY_ATTEMPTS');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });
});
