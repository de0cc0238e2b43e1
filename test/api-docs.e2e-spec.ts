import request from 'supertest';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';
import { pageLogin } from './utils/page-session';

/** API_DOCS unset (`signed-in`): the OpenAPI UI and document are for signed-in users only. */
describe('API docs for signed-in users (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await createOrganisation(t.dataSource);
  });
  afterAll(() => t.close());

  it('should refuse the document, in every form and spelling, to an anonymous caller with 401', async () => {
    for (const path of [
      '/api/docs-json',
      '/api/docs-yaml',
      '/api/docs/swagger-ui-init.js',
      '/API/DOCS-JSON',
      '/api/docs-json/',
    ]) {
      const res = await request(t.http).get(path);
      expect({ path, status: res.status, code: res.body?.code }).toEqual({
        path,
        status: 401,
        code: 'AUTH.UNAUTHENTICATED',
      });
      expect(res.text).not.toContain('/api/auth/login');
    }
    const expired = await request(t.http)
      .get('/api/docs-json')
      .set('Authorization', 'Bearer not-a-token')
      .expect(401);
    expect(expired.body.code).toBe('AUTH.UNAUTHENTICATED');
  });

  it('should send an anonymous browser to the login page and back to the UI', async () => {
    const res = await request(t.http)
      .get('/api/docs')
      .set('Accept', 'text/html,application/xhtml+xml')
      .expect(303);
    expect(res.headers.location).toBe('/login?next=%2Fapi%2Fdocs');
  });

  it('should serve the document to a bearer token and the UI to a signed-in page session', async () => {
    const token = await apiLogin(t.http, 'officer_a', TEST_PASSWORD);
    const doc = await request(t.http)
      .get('/api/docs-json')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(Object.keys(doc.body.paths)).toContain('/api/auth/login');
    const page = await pageLogin(t.http, 'officer_a', TEST_PASSWORD);
    const ui = await page.agent.get('/api/docs').set('Accept', 'text/html').expect(200);
    expect(ui.text).toContain('swagger-ui');
    const init = await page.agent.get('/api/docs/swagger-ui-init.js').expect(200);
    expect(init.text).toContain('/api/auth/login');
  });
});
