import request from 'supertest';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';

describe('Operations (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('should report the database, Redis and the scoring queue up on /health', async () => {
    const res = await request(t.http).get('/health').expect(200);
    expect(res.body).toEqual({
      status: 'ok',
      info: { db: { status: 'up' }, redis: { status: 'up' }, queue: { status: 'up' } },
    });
  });

  it('should give health details (versions, last content import) to admins only', async () => {
    await createOrganisation(t.dataSource);
    await request(t.http).get('/api/health/details').expect(401);
    const officer = await apiLogin(t.http, 'officer_a', TEST_PASSWORD);
    await request(t.http).get('/api/health/details').set('Authorization', `Bearer ${officer}`).expect(403);
    const admin = await apiLogin(t.http, 'admin', TEST_PASSWORD);
    const res = await request(t.http)
      .get('/api/health/details')
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      info: { db: { status: 'up' } },
      content: null,
      versions: { node: process.version },
    });
  });

  it('should serve the OpenAPI document and its UI without a CDN', async () => {
    const token = await apiLogin(t.http, 'officer_a', TEST_PASSWORD); // organisation created above
    const doc = await request(t.http)
      .get('/api/docs-json')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/me']));
    const ui = await request(t.http).get('/api/docs').set('Authorization', `Bearer ${token}`).expect(200);
    expect(ui.text).not.toMatch(/https?:\/\/(cdn|unpkg|cdnjs)/);
  });

  it('should send security headers and hide the framework', async () => {
    const res = await request(t.http).get('/login').expect(200);
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('should answer an unknown API route with a JSON 404 and a stable code', async () => {
    const res = await request(t.http).get('/api/no-such-thing').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'COMMON.NOT_FOUND' });
  });

  it('should send a signed-out visitor of a page to the login page', async () => {
    const res = await request(t.http).get('/').expect(303);
    expect(res.headers.location).toBe('/login?next=%2F');
  });

  it('should answer an unknown page with an HTML error page in Chinese', async () => {
    const res = await request(t.http).get('/no-such-page').set('Accept', 'text/html').expect(404);
    expect(res.headers['content-type']).toMatch(/html/);
    expect(res.text).toContain('页面或记录不存在');
  });
});

describe('Operations with Redis down (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    process.env.REDIS_PORT = '6398'; // nothing listens here
    jest.resetModules(); // AppModule reads the environment when first imported
    const { createTestApp: create } = await import('./utils/create-test-app');
    t = await create();
  });
  afterAll(() => t.close());

  it('should answer /health with 503 and name Redis and the queue (which lives on it) as down, without the error text', async () => {
    const res = await request(t.http).get('/health').expect(503);
    expect(res.body).toEqual({
      status: 'error',
      info: { db: { status: 'up' }, redis: { status: 'down' }, queue: { status: 'down' } },
      error: { redis: { status: 'down' }, queue: { status: 'down' } },
    });
  });

  it('should show the error text to an admin on /api/health/details', async () => {
    // On SQLite this file's database (with the organisation) is still there; PostgreSQL made a fresh
    // one. The modules were reset above, so the factory must come from this app's module registry.
    const factory = await import('./factories/organisation.factory');
    const [{ n }] = (await t.dataSource.query(
      "SELECT COUNT(*) AS n FROM users WHERE username = 'admin'",
    )) as Array<{ n: number | string }>;
    if (Number(n) === 0) await factory.createOrganisation(t.dataSource);
    const admin = await apiLogin(t.http, 'admin', TEST_PASSWORD);
    const res = await request(t.http)
      .get('/api/health/details')
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(res.body.status).toBe('error');
    expect(res.body.error.redis).toMatchObject({ status: 'down', message: expect.any(String) });
  });

  it('should refuse a large CSV import with 503 while the queue is unreachable, and write nothing', async () => {
    const admin = await apiLogin(t.http, 'admin', TEST_PASSWORD);
    const rows = Array.from({ length: 11 }, (_, i) => `down${i},停机${i},Xinfang-Train-${i}x,officer,甲街道`);
    const res = await request(t.http)
      .post('/api/users/import')
      .set('Authorization', `Bearer ${admin}`)
      .set('Content-Type', 'text/csv')
      .send(['username,name,password,role,unit', ...rows].join('\n'));
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('USER_IMPORT.QUEUE_UNAVAILABLE');
    const [{ n }] = (await t.dataSource.query(
      "SELECT COUNT(*) AS n FROM users WHERE username LIKE 'down%'",
    )) as Array<{ n: number | string }>;
    expect(Number(n)).toBe(0);
  });
});
