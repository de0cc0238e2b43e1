import request from 'supertest';
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
    const res = await request(t.http).post('/api/auth/login').send({ username: 'officer_a', password: TEST_PASSWORD }).expect(200);
    expect(res.body.accessToken).toEqual(expect.any(String));
    expect(res.body.user).toMatchObject({ username: 'officer_a', role: 'officer' });
    const me = await request(t.http).get('/api/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    expect(me.body.username).toBe('officer_a');
  });

  it('should answer 401 AUTH.INVALID_CREDENTIALS for a wrong password', async () => {
    const res = await request(t.http).post('/api/auth/login').send({ username: 'officer_b', password: 'wrong-password' }).expect(401);
    expect(res.body.code).toBe('AUTH.INVALID_CREDENTIALS');
  });

  it('should refuse the token after logout', async () => {
    const token = await apiLogin(t.http, 'officer_a2', TEST_PASSWORD);
    await request(t.http).post('/api/auth/logout').set('Authorization', `Bearer ${token}`).expect(204);
    const res = await request(t.http).get('/api/me').set('Authorization', `Bearer ${token}`).expect(401);
    expect(res.body.code).toBe('AUTH.UNAUTHENTICATED');
  });

  it('should answer 400 with a stable code for malformed JSON', async () => {
    const res = await request(t.http).post('/api/auth/login').set('Content-Type', 'application/json').send('{"username":').expect(400);
    expect(res.body.code).toBe('REQUEST.MALFORMED_BODY');
  });
});
