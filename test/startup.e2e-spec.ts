import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { maskDatabaseUrl, preflightDatabase, StartupError } from '../src/database/database-preflight';

const ROOT = join(__dirname, '..');
const PG_ADMIN_URL = process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const onPostgres = process.env.DB_TYPE === 'postgres';

async function admin(sql: string): Promise<void> {
  const c = new Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** Starts src/main.ts the way `npm start` starts dist/main.js, and returns what it printed. */
function startApp(env: Record<string, string>) {
  return spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'development', LOG_LEVEL: 'info', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('Start-up with a database that is not there (e2e)', () => {
  it('should mask the password of DATABASE_URL', () => {
    expect(maskDatabaseUrl('postgres://app:s3cret@db.example:5432/pt')).toBe(
      'postgres://app:***@db.example:5432/pt',
    );
    expect(maskDatabaseUrl('postgres://app@db.example/pt')).toBe('postgres://app@db.example/pt');
  });

  it('should stop with one line naming DATABASE_URL (masked) and the reason when PostgreSQL is unreachable', () => {
    const run = startApp({ DB_TYPE: 'postgres', DATABASE_URL: 'postgres://app:s3cret@127.0.0.1:1/pt' });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^Cannot start: PostgreSQL in DATABASE_URL=postgres:\/\/app:\*\*\*@127\.0\.0\.1:1\/pt is unreachable: ECONNREFUSED/,
    );
    expect(run.stderr + run.stdout).not.toContain('s3cret');
    expect(run.stdout).not.toMatch(/Retrying|at .*\.js:\d+/);
  });

  it('should stop with one line when SQLITE_PATH cannot be written', () => {
    const run = startApp({ DB_TYPE: 'sqlite', SQLITE_PATH: '/dev/null/pt.sqlite' });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^Cannot start: SQLITE_PATH=\/dev\/null\/pt\.sqlite .* is not writable: /),
    ]);
  });

  (onPostgres ? describe : describe.skip)('on PostgreSQL', () => {
    const name = `pt_preflight_${process.pid}`;
    const urlFor = (user: string, db: string) => {
      const u = new URL(PG_ADMIN_URL);
      u.username = user;
      u.password = '';
      u.pathname = `/${db}`;
      return u.toString();
    };
    afterAll(async () => {
      await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin(`DROP ROLE IF EXISTS "${name}_role"`);
    });

    it('should create a missing database when the role may', async () => {
      const user = new URL(PG_ADMIN_URL).username || 'postgres';
      const note = await preflightDatabase({
        DB_TYPE: 'postgres',
        SQLITE_PATH: '',
        DATABASE_URL: urlFor(user, name),
      });
      expect(note).toMatch(new RegExp(`^Created the PostgreSQL database "${name}"`));
      expect(
        await preflightDatabase({ DB_TYPE: 'postgres', SQLITE_PATH: '', DATABASE_URL: urlFor(user, name) }),
      ).toBeNull();
    });

    it('should say the database must be created first when the role may not create it', async () => {
      await admin(`CREATE ROLE "${name}_role" LOGIN NOCREATEDB`);
      const url = urlFor(`${name}_role`, `${name}_missing`);
      const error = await preflightDatabase({
        DB_TYPE: 'postgres',
        SQLITE_PATH: '',
        DATABASE_URL: url,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StartupError);
      expect((error as Error).message).toMatch(
        /does not exist and could not be created \(42501 permission denied to create database\)\. Create it first/,
      );
    });
  });
});
