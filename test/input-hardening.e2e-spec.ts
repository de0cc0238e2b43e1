import request from 'supertest';
import { startOrganisationApi, OrganisationApi } from './utils/organisation-api';

/** Issue 7, findings 5 and 8: bodies nested too deep, and names carrying invisible or control characters. */
describe('Input hardening (e2e)', () => {
  let api: OrganisationApi;
  beforeAll(async () => {
    api = await startOrganisationApi();
  });
  afterAll(() => api.t.close());

  const deepJson = (levels: number) => `{"username":${'['.repeat(levels)}"x"${']'.repeat(levels)},"password":"x"}`;

  describe('deeply nested JSON', () => {
    it('should refuse a body nested 5,000 levels deep on the unauthenticated login with 400 REQUEST.TOO_DEEP', async () => {
      const res = await request(api.t.http).post('/api/auth/login').set('Content-Type', 'application/json').send(deepJson(5000));
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'REQUEST.TOO_DEEP' });
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js|RangeError/);
    });

    it('should refuse it on an authenticated write too, before validation', async () => {
      const body = `{"name":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)},"kind":"street"}`;
      const res = await request(api.t.http).post('/api/units').set(api.as('admin')).set('Content-Type', 'application/json').send(body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('REQUEST.TOO_DEEP');
    });

    it('should still validate a normally nested body as before', async () => {
      const res = await request(api.t.http).post('/api/auth/login').set('Content-Type', 'application/json').send(deepJson(3));
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION.FAILED');
    });

    it('should refuse an array too long to be any real input with 413 REQUEST.TOO_MANY_FIELDS', async () => {
      const res = await request(api.t.http)
        .post('/api/assignments')
        .set(api.as('trainer'))
        .send({ courseId: 'c', userIds: new Array(10_001).fill('x'), dueAt: '2030-01-01' });
      expect(res.status).toBe(413);
      expect(res.body.code).toBe('REQUEST.TOO_MANY_FIELDS');
    });
  });
});
