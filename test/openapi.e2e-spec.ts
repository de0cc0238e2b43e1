import request from 'supertest';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';

interface Operation {
  summary?: string;
  responses?: Record<string, { description?: string }>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Operations that take no input and need no sign-in, so no client error is possible; they document their 5xx. */
const NO_CLIENT_ERROR: Record<string, string> = { 'GET /health': 'public, no parameters: 200 or 503' };

/**
 * The OpenAPI document describes every operation: a summary, and at least one 4xx response whose
 * description names the error code(s) (`AREA.REASON`). A new route without them fails here, with
 * the list of offending operations.
 */
describe('OpenAPI document (e2e)', () => {
  let t: TestApp;
  let doc: { paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>> };

  beforeAll(async () => {
    t = await createTestApp();
    await createOrganisation(t.dataSource);
    // The document is for signed-in users (API_DOCS=signed-in, the default).
    const token = await apiLogin(t.http, 'officer_a', TEST_PASSWORD);
    doc = (await request(t.http).get('/api/docs-json').set('Authorization', `Bearer ${token}`).expect(200))
      .body;
  });
  afterAll(() => t.close());

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((m) => ({
        op: `${m.toUpperCase()} ${path}`,
        ...(item[m] as Operation),
      })),
    );

  it('should describe some operations', () => {
    expect(operations().length).toBeGreaterThan(20);
  });

  it('should give every operation a summary', () => {
    expect(
      operations()
        .filter((o) => !o.summary?.trim())
        .map((o) => o.op),
    ).toEqual([]);
  });

  it('should give every operation a 4xx response that names its error code', () => {
    const lacking = operations()
      .filter((o) => !(o.op in NO_CLIENT_ERROR))
      .filter((o) => {
        const clientErrors = Object.entries(o.responses ?? {}).filter(([status]) => /^4\d\d$/.test(status));
        return (
          clientErrors.length === 0 ||
          !clientErrors.every(([, r]) => /[A-Z_]+\.[A-Z_]+/.test(r.description ?? ''))
        );
      })
      .map((o) => o.op);
    expect(lacking).toEqual([]);
    for (const op of Object.keys(NO_CLIENT_ERROR)) {
      const o = operations().find((x) => x.op === op);
      expect({
        op,
        documentsFailure: Object.keys(o?.responses ?? {}).some((s) => /^5\d\d$/.test(s)),
      }).toEqual({ op, documentsFailure: true });
    }
  });

  it('should not point at files that are not in the repository', () => {
    const text = JSON.stringify(doc);
    expect(text).not.toMatch(/\.\.\/shared|\/work\/|API\.md|PRODUCT\.md/);
  });
});
