// Must stay the first import: it sets COOKIE_SECURE and API_DOCS=public before AppModule reads the environment.
import './utils/tls-public-docs.env';
import request from 'supertest';
import { createTestApp, TestApp } from './utils/create-test-app';

describe('COOKIE_SECURE=true, API_DOCS=public (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('should send HSTS for this host only when served over TLS and HSTS_INCLUDE_SUBDOMAINS is off', async () => {
    for (const path of ['/login', '/api/me', '/health']) {
      const res = await request(t.http).get(path);
      expect({ path, hsts: res.headers['strict-transport-security'] }).toEqual({
        path,
        hsts: 'max-age=31536000',
      });
    }
  });

  it('should serve the API docs to anyone', async () => {
    const doc = await request(t.http).get('/api/docs-json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    await request(t.http).get('/api/docs').set('Accept', 'text/html').expect(200);
  });
});
