import fc from 'fast-check';
import request, { Response } from 'supertest';
import { createCourseWithLessons } from './factories/course.factory';
import { OrganisationApi, startOrganisationApi } from './utils/organisation-api';
import { AppRoute, appRoutes, fillPath } from './utils/route-table';

/**
 * Bad input, property-based (issue 7): every JSON endpoint of the running app (read from its route
 * table, so new endpoints are covered without a line here) gets wrong types, missing and extra
 * fields, nulls, huge strings and numbers, deep nesting, `__proto__` keys, bad ids and query values,
 * wrong content types and large bodies. Every answer is 2xx (the input happened to be valid) or 4xx
 * with a stable `code`: never a 5xx, never a stack trace. Runs are few per route to stay bounded;
 * FC_SEED=<n> replays a failure.
 */
const RUNS = Number(process.env.FC_RUNS ?? 6);
/** Counterexamples hold 70 KB strings: show their start only. */
fc.configureGlobal({
  reporter: (details) => {
    if (details.failed) {
      throw new Error(
        `${String(details.errorInstance ?? '').slice(0, 1500)}\nseed ${details.seed}, path ${details.counterexamplePath}; replay with FC_SEED=${details.seed}`,
      );
    }
  },
});
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;

/** Field names the DTOs use, so generated objects hit real validators and not only `unknown_field`. */
const FIELDS = [
  'username',
  'password',
  'name',
  'role',
  'unitId',
  'parentId',
  'kind',
  'disabled',
  'courseId',
  'unitIds',
  'userIds',
  'roles',
  'dueAt',
  'note',
  'includeSubtree',
  'limit',
  'offset',
  'q',
  'status',
  'year',
  'answers',
  'code',
  'next',
];
const QUERY_KEYS = [
  'limit',
  'offset',
  'q',
  'unitId',
  'role',
  'year',
  'courseId',
  'status',
  'action',
  'entityType',
  'page',
  'dimension',
];

const hugeString = fc.constantFrom('x'.repeat(70_000), '张'.repeat(20_000), '\u202E'.repeat(1000));
const nasty = fc.constantFrom(
  '',
  ' ',
  "' OR 1=1 --",
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '%00',
  '\u0007\u001b',
  '１２３',
  '1e309',
  '-1',
  '0x10',
  'NaN',
  'null',
  'true',
);
const numbers = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, -0, 0.1),
);
const scalar = fc.oneof(
  fc.string({ maxLength: 40 }),
  nasty,
  numbers,
  fc.boolean(),
  fc.constant(null),
  hugeString,
);
const value = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), scalar, { maxKeys: 4 }) },
);
/** Objects with real field names (some missing, some wrong), extra fields, or no object at all. */
const body = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 12 })), value, {
      maxKeys: 8,
    }),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.constantFrom([], null, 0, 'text', true) },
);
/** Raw JSON texts that a JavaScript object literal cannot express (prototype keys) or that are hostile in shape. */
const rawBodies = [
  '{"__proto__":{"role":"admin","isAdmin":true},"name":"x"}',
  '{"constructor":{"prototype":{"polluted":true}},"username":"a"}',
  `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`,
  `[${'{"a":'.repeat(40)}1${'}'.repeat(40)}]`,
  `{"userIds":[${Array.from({ length: 10_001 }, () => '"x"').join(',')}]}`,
  '{"name":"\\ud800"}',
  '{"limit":1e999}',
  `{"name":"${'x'.repeat(1_100_000)}"}`,
];
const badId = fc.oneof(
  fc.string({ maxLength: 30 }),
  nasty,
  fc.constantFrom('x'.repeat(2000), '00000000-0000-0000-0000-000000000000', '..', '%2e%2e%2f', '\u202E'),
  fc.uuid(),
);
const query = fc.array(
  fc.tuple(
    fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string({ maxLength: 8 })),
    fc.oneof(
      fc.string({ maxLength: 20 }),
      nasty,
      hugeString.map((s) => s.slice(0, 1500)),
    ),
  ),
  { maxLength: 5 },
);
const contentTypes = [
  'text/plain',
  'application/xml',
  'multipart/form-data; boundary=x',
  'application/x-www-form-urlencoded',
  'application/json; charset=utf-7',
  'text/csv',
  'application/octet-stream',
];

/** No 5xx; a 4xx carries a stable code; no stack trace or internal detail in any body. */
function expectSafe(res: Response, what: string): void {
  const text = res.text ?? '';
  const context = `${what} → ${res.status} ${text.slice(0, 300)}`;
  // Node's HTTP parser itself refuses a request line over 16 KB (431, empty body) before the app sees it.
  if (res.status === 431 && text === '') return;
  if (res.status >= 500) throw new Error(`5xx: ${context}`);
  if (/\bat [\w.<>]+ \(.*:\d+:\d+\)|node_modules|QueryFailedError|SQLITE_|TypeError|RangeError/.test(text)) {
    throw new Error(`internal detail in body: ${context}`);
  }
  if (res.status >= 400) {
    const code = (res.body as { code?: unknown })?.code;
    if (typeof code !== 'string' || !/^[A-Z_]+\.[A-Z_]+$/.test(code)) {
      throw new Error(`4xx without a stable code: ${context}`);
    }
  }
}

// Hundreds of routes × generated inputs: ~30 s alone, slower beside other suites on 2 cores.
jest.setTimeout(120_000);

describe('Bad input on every JSON endpoint (e2e)', () => {
  let api: OrganisationApi;
  let routes: AppRoute[];
  let realIds: Record<string, string>;

  beforeAll(async () => {
    api = await startOrganisationApi();
    const { course, lessons } = await createCourseWithLessons(api.t.dataSource, 1);
    realIds = { id: api.org.users.officerB.id, course: course.id, lesson: lessons[0].id };
    routes = appRoutes(api.t.app).filter((r) => r.path.startsWith('/api/') || r.path === '/health');
  });
  afterAll(() => api.t.close());

  /** Admin reaches most validators; officer-only routes need an officer; logout would end the session, so it is called signed out. */
  const callerFor = async (route: AppRoute) => {
    if (route.key === 'POST /api/auth/logout') return {};
    const probe = await request(api.t.http)[verb(route)](fillPath(route.path, {})).set(api.as('admin'));
    return probe.status === 403 ? api.as('officerA') : api.as('admin');
  };
  const verb = (route: AppRoute) => route.method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete';
  const pathWith = (route: AppRoute, id?: string) =>
    fillPath(route.path, { id: id ?? realIds.id, code: id ?? 'ABCD-EFGH', n: id ?? '22' });

  it('should find the JSON endpoints in the route table', () => {
    expect(routes.map((r) => r.key)).toEqual(
      expect.arrayContaining(['POST /api/auth/login', 'POST /api/users', 'GET /api/users/:id']),
    );
  });

  it('should answer every JSON endpoint with 2xx or a coded 4xx, whatever the body, id, query or content type', async () => {
    const writes = routes.filter((r) => r.method !== 'GET');
    for (const route of routes) {
      const auth = await callerFor(route);
      const send = (path: string) => request(api.t.http)[verb(route)](path).set(auth);

      if (route.path.includes(':')) {
        await fc.assert(
          fc.asyncProperty(badId, async (id) =>
            expectSafe(await send(pathWith(route, id)), `${route.key} id=${JSON.stringify(id.slice(0, 60))}`),
          ),
          { numRuns: RUNS, seed },
        );
      }
      await fc.assert(
        fc.asyncProperty(query, async (pairs) => {
          const qs = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
          expectSafe(await send(`${pathWith(route)}?${qs}`), `${route.key} ?${qs.slice(0, 120)}`);
        }),
        { numRuns: RUNS, seed },
      );
      if (!writes.includes(route)) continue;

      await fc.assert(
        fc.asyncProperty(body, async (payload) => {
          const res = await send(pathWith(route))
            .set('Content-Type', 'application/json')
            .send(JSON.stringify(payload));
          expectSafe(res, `${route.key} ${JSON.stringify(payload).slice(0, 200)}`);
        }),
        { numRuns: RUNS * 2, seed },
      );
      for (const raw of rawBodies) {
        expectSafe(
          await send(pathWith(route)).set('Content-Type', 'application/json').send(raw),
          `${route.key} raw ${raw.slice(0, 60)}`,
        );
      }
      for (const type of contentTypes) {
        expectSafe(
          await send(pathWith(route)).set('Content-Type', type).send('a=1&b=<x/>&{"c":'),
          `${route.key} as ${type}`,
        );
      }
    }
  });

  it('should not let a __proto__ key make anyone an admin', async () => {
    const res = await request(api.t.http)
      .post('/api/users')
      .set(api.as('admin'))
      .set('Content-Type', 'application/json')
      .send(
        `{"username":"protouser","name":"原型","password":"Xinfang-Train-1","role":"officer","unitId":"${api.org.units.streetA.id}","__proto__":{"role":"admin"}}`,
      );
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('REQUEST.FORBIDDEN_KEY');
    expect(({} as Record<string, unknown>).role).toBeUndefined();
  });

  it('should still serve a signed-in caller after the fuzzing (the app is healthy)', async () => {
    await request(api.t.http).get('/health').expect(200);
    const me = await request(api.t.http).get('/api/me').set(api.as('officerA')).expect(200);
    expect(me.body.username).toBe('officer_a');
  });
});
