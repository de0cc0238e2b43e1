import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Client } from 'pg';
import type { DatabaseEnv } from './typeorm.options';

/** A start-up failure the operator can fix; main.ts prints its message as one line and exits 1. */
export class StartupError extends Error {
  override name = 'StartupError';
}

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`, for logs. */
export function maskDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(not a valid URL)';
  }
}

const reasonOf = (error: unknown): string => {
  const e = error as { code?: string; message?: string };
  return [e.code, e.message].filter(Boolean).join(' ') || String(error);
};

/**
 * Before the app starts: can the database be reached and written? On PostgreSQL a missing database
 * is created through the maintenance database `postgres` when the role may; otherwise, and for an
 * unreachable server or refused login, one StartupError naming DATABASE_URL (password masked) and
 * the reason, instead of TypeORM's nine retries and a stack. Returns a line to log when it created
 * something, else null.
 */
export async function preflightDatabase(env: DatabaseEnv, connectTimeoutMs = 5000): Promise<string | null> {
  return env.DB_TYPE === 'postgres'
    ? preflightPostgres(env.DATABASE_URL ?? '', connectTimeoutMs)
    : preflightSqlite(env.SQLITE_PATH);
}

function preflightSqlite(path: string): null {
  if (path === ':memory:') return null;
  const file = resolve(path);
  try {
    mkdirSync(dirname(file), { recursive: true });
    accessSync(dirname(file), constants.W_OK);
    if (existsSync(file)) accessSync(file, constants.R_OK | constants.W_OK);
  } catch (error) {
    throw new StartupError(
      `Cannot start: SQLITE_PATH=${path} (${file}) is not writable: ${reasonOf(error)}. Point SQLITE_PATH at a file in a writable directory.`,
    );
  }
  return null;
}

async function preflightPostgres(url: string, timeout: number): Promise<string | null> {
  const shown = `DATABASE_URL=${maskDatabaseUrl(url)}`;
  const database = (() => {
    try {
      return decodeURIComponent(new URL(url).pathname.slice(1));
    } catch {
      return '';
    }
  })();
  if (!database) {
    throw new StartupError(
      `Cannot start: ${shown} names no database (postgres://user:password@host:5432/DATABASE).`,
    );
  }
  try {
    await withClient(url, timeout, async () => undefined);
    return null;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === '3D000') return createDatabase(url, database, shown, timeout);
    if (code === '28P01' || code === '28000') {
      throw new StartupError(`Cannot start: PostgreSQL refused the login in ${shown}: ${reasonOf(error)}.`);
    }
    throw new StartupError(
      `Cannot start: PostgreSQL in ${shown} is unreachable: ${reasonOf(error)}. Is the server running and the host and port right?`,
    );
  }
}

async function createDatabase(
  url: string,
  database: string,
  shown: string,
  timeout: number,
): Promise<string> {
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  try {
    await withClient(maintenance.toString(), timeout, (c) =>
      c.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`),
    );
  } catch (error) {
    throw new StartupError(
      `Cannot start: the database "${database}" in ${shown} does not exist and could not be created (${reasonOf(error)}). Create it first, e.g. createdb -h HOST -U OWNER ${database}.`,
    );
  }
  return `Created the PostgreSQL database "${database}" (${shown}); migrations run next.`;
}

async function withClient(
  url: string,
  timeout: number,
  work: (c: Client) => Promise<unknown>,
): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeout });
  client.on('error', () => undefined); // a server that goes away after connect must not crash the check
  try {
    await client.connect();
    await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}
