// Must stay the first import: it sets COOKIE_SECURE, HSTS_INCLUDE_SUBDOMAINS and API_DOCS=off before AppModule reads the environment.
import './utils/tls-subdomains-no-docs.env';
import request from 'supertest';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';

describe('COOKIE_SECURE=true, HSTS_INCLUDE_SUBDOMAINS=true, API_DOCS=off (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await createOrganisation(t.dataSource);
  });
  afterAll(() => t.close());

  it('should extend HSTS to subdomains', async () => {
    const res = await request(t.http).get('/login').expect(200);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('should not serve the API docs at all, not even to a signed-in admin', async () => {
    const token = await apiLogin(t.http, 'admin', TEST_PASSWORD);
    for (const path of ['/api/docs', '/api/docs-json', '/api/docs-yaml', '/api/docs/swagger-ui-init.js']) {
      const res = await request(t.http).get(path).set('Authorization', `Bearer ${token}`);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
  });
});
