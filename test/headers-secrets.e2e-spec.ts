// Must stay the first import: it sets TRUST_PROXY and LOG_LEVEL before AppModule reads the environment.
import './utils/headers-secrets.env';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PinoLogger } from 'nestjs-pino';
import pino from 'pino';
import request from 'supertest';
import { User } from '../src/users/entities/user.entity';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';
import { pageLogin, PageSession } from './utils/page-session';

type Org = Awaited<ReturnType<typeof createOrganisation>>;

/**
 * Collects every line the app's pino logger writes while `work` runs: the root logger's stream is
 * swapped for a collector (request and service loggers are its children and share that stream).
 */
async function captureLog(work: () => Promise<void>): Promise<string> {
  const chunks: string[] = [];
  const root = PinoLogger.root as unknown as Record<symbol, unknown>;
  const original = root[pino.symbols.streamSym];
  root[pino.symbols.streamSym] = { write: (line: string) => chunks.push(line) };
  try {
    await work();
  } finally {
    root[pino.symbols.streamSym] = original;
  }
  return chunks.join('');
}

const setCookies = (res: request.Response): string[] => {
  const raw = res.headers['set-cookie'] as unknown;
  return Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : [];
};

describe('Headers and secrets (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let adminToken: string;
  let officerPages: PageSession;
  beforeAll(async () => {
    t = await createTestApp();
    org = await createOrganisation(t.dataSource);
    adminToken = await apiLogin(t.http, 'admin', TEST_PASSWORD);
    officerPages = await pageLogin(t.http, 'officer_a', TEST_PASSWORD);
    // LOG_LEVEL=trace is for the log test only: keep the rest of the file's log out of the test output.
    (PinoLogger.root as unknown as Record<symbol, unknown>)[pino.symbols.streamSym] = {
      write: () => undefined,
    };
  });
  afterAll(() => t.close());

  describe('Cache-Control: no-store', () => {
    it('should be sent on every signed-in page, so Back after 退出 shows nothing personal', async () => {
      for (const path of ['/', '/learning', '/courses', '/regulation']) {
        const res = await officerPages.agent.get(path).expect(200);
        expect({ path, cache: res.headers['cache-control'] }).toEqual({ path, cache: 'no-store' });
      }
    });

    it('should be sent on API answers, errors included, and on the login page', async () => {
      const me = await request(t.http)
        .get('/api/me')
        .set('Authorization', `Bearer ${adminToken}`)
        .expect(200);
      expect(me.headers['cache-control']).toBe('no-store');
      const users = await request(t.http)
        .get('/api/users')
        .set('Authorization', `Bearer ${adminToken}`)
        .expect(200);
      expect(users.headers['cache-control']).toBe('no-store');
      const anonymous = await request(t.http).get('/api/me').expect(401);
      expect(anonymous.headers['cache-control']).toBe('no-store');
      const login = await request(t.http).get('/login').expect(200);
      expect(login.headers['cache-control']).toBe('no-store');
    });

    it('should leave public static assets cacheable', async () => {
      const css = await request(t.http).get('/assets/app.css').expect(200);
      expect(css.headers['cache-control']).toMatch(/max-age=\d+/);
      expect(css.headers['cache-control']).not.toContain('no-store');
    });
  });

  describe('cookie flags', () => {
    // Cookies are passed by hand: a client does not send a Secure cookie back over the test's plain HTTP.
    const signIn = async (proto?: string) => {
      const page = await request(t.http)
        .get('/login')
        .set('X-Forwarded-Proto', proto ?? 'http')
        .expect(200);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
      const res = await request(t.http)
        .post('/login')
        .set('X-Forwarded-Proto', proto ?? 'http')
        .set('Cookie', `pt_login_csrf=${csrf}`)
        .type('form')
        .send({ username: 'officer_b', password: TEST_PASSWORD, _csrf: csrf })
        .expect(303);
      return {
        loginCsrf: setCookies(page).find((c) => c.startsWith('pt_login_csrf=')),
        session: setCookies(res).find((c) => c.startsWith('pt_session=')),
        device: setCookies(res).find((c) => c.startsWith('pt_device=')),
      };
    };

    it('should mark the session, login and device cookies HttpOnly and SameSite=Lax, not Secure over plain HTTP', async () => {
      const { loginCsrf, session, device } = await signIn();
      for (const cookie of [loginCsrf, session, device]) {
        expect(cookie).toMatch(/; HttpOnly/i);
        expect(cookie).toMatch(/; SameSite=Lax/i);
        expect(cookie).not.toMatch(/; Secure/i);
      }
    });

    it('should add Secure behind a TLS proxy (TRUST_PROXY and X-Forwarded-Proto: https)', async () => {
      const { loginCsrf, session, device } = await signIn('https');
      expect(loginCsrf).toMatch(/; Secure/i);
      expect(session).toMatch(/; Secure/i);
      expect(device).toMatch(/; Secure/i);
      expect(session).toMatch(/; HttpOnly/i);
    });
  });

  describe('Strict-Transport-Security', () => {
    // With COOKIE_SECURE on it is sent (test/tls-public-docs.e2e-spec.ts, test/tls-subdomains-no-docs.e2e-spec.ts).
    it('should not be sent while COOKIE_SECURE is off: over plain HTTP it would lock browsers out', async () => {
      for (const proto of ['http', 'https']) {
        const res = await request(t.http).get('/login').set('X-Forwarded-Proto', proto).expect(200);
        expect({ proto, hsts: res.headers['strict-transport-security'] }).toEqual({ proto, hsts: undefined });
      }
    });
  });

  describe('logs', () => {
    it('should carry no password, hash, token or cookie value through a login and a user creation', async () => {
      const newPassword = 'Log-Check-Secret-77';
      let token = '';
      let sessionCookie = '';
      let deviceCookie = '';
      const log = await captureLog(async () => {
        token = await apiLogin(t.http, 'officer_d', TEST_PASSWORD);
        const page = await request(t.http).get('/login').expect(200);
        const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] as string;
        const signedIn = await request(t.http)
          .post('/login')
          .set('Cookie', `pt_login_csrf=${csrf}`)
          .type('form')
          .send({ username: 'manager', password: TEST_PASSWORD, _csrf: csrf })
          .expect(303);
        sessionCookie = setCookies(signedIn).find((c) => c.startsWith('pt_session=')) as string;
        deviceCookie = setCookies(signedIn).find((c) => c.startsWith('pt_device=')) as string;
        // A known device signing in again: the cookie goes out in a request too.
        await request(t.http)
          .post('/api/auth/login')
          .set('Cookie', deviceCookie.split(';')[0])
          .send({ username: 'manager', password: TEST_PASSWORD })
          .expect(200);
        await request(t.http).get('/learning').set('Cookie', sessionCookie.split(';')[0]).expect(200);
        await request(t.http).get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
        await request(t.http)
          .post('/api/users')
          .set('Authorization', `Bearer ${adminToken}`)
          .send({
            username: 'log_check',
            name: '日志检查',
            password: newPassword,
            role: 'officer',
            unitId: org.units.streetA.id,
          })
          .expect(201);
        await request(t.http)
          .post('/api/auth/login')
          .send({ username: 'log_check', password: 'Wrong-Password-99' })
          .expect(401);
      });
      expect(log).toContain('auth.login.succeeded'); // the capture did see the app's log
      expect(log).toContain('user.create');
      const hash = (
        await t.dataSource
          .getRepository(User)
          .createQueryBuilder('u')
          .addSelect('u.passwordHash')
          .where("u.username = 'log_check'")
          .getOneOrFail()
      ).passwordHash;
      const sessionValue = /pt_session=([^;]+)/.exec(sessionCookie)?.[1] as string;
      expect(sessionValue).toEqual(expect.any(String));
      const deviceValue = /pt_device=([^;]+)/.exec(deviceCookie)?.[1] as string;
      expect(deviceValue).toEqual(expect.any(String));
      const secrets = [
        TEST_PASSWORD,
        newPassword,
        'Wrong-Password-99',
        hash,
        hash.split('$').pop() as string,
        token,
        adminToken,
        sessionValue,
        deviceValue,
      ];
      for (const secret of secrets) {
        expect(log.includes(secret) ? `leaked: ${secret.slice(0, 6)}…` : 'clean').toBe('clean');
      }
    });
  });

  describe('production start', () => {
    const start = (env: Record<string, string>) =>
      spawnSync(
        process.execPath,
        ['-r', 'ts-node/register/transpile-only', join(__dirname, '..', 'src', 'main.ts')],
        {
          cwd: join(__dirname, '..'),
          env: {
            PATH: process.env.PATH ?? '',
            NODE_ENV: 'production',
            SQLITE_PATH: join(__dirname, '..', 'tmp', 'prod-refusal.sqlite'),
            ...env,
          },
          encoding: 'utf8',
          timeout: 45_000, // below the 60 s test timeout, so a start that does not refuse fails clearly
        },
      );

    it('should refuse the shipped demo password with DEMO_DATA=true, naming the variable', () => {
      const run = start({ DEMO_DATA: 'true', PORT: '0' });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('DEMO_PASSWORD');
      expect(run.stderr).toContain('Refusing to start in production');
    });

    it('should refuse a default database password, naming DATABASE_URL', () => {
      const run = start({
        DEMO_DATA: 'false',
        DB_TYPE: 'postgres',
        DATABASE_URL: 'postgres://petition:petition@127.0.0.1:1/x',
        PORT: '0',
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('DATABASE_URL');
    });
  });
});
