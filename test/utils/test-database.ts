import { copyFileSync, existsSync } from 'node:fs';
import { adminQuery, POSTGRES_TEMPLATE_ENV, SQLITE_TEMPLATE_ENV } from './template-database';

/**
 * Each test file gets a database of its own, a copy of the run's migrated template
 * (test/utils/template-database.ts) when there is one. On PostgreSQL it is dropped at the end; a
 * SQLite file stays for a later app of the same file, and global setup clears the folder.
 */
export async function createTestDatabase(): Promise<void> {
  if (process.env.DB_TYPE !== 'postgres') {
    const template = process.env[SQLITE_TEMPLATE_ENV];
    const path = process.env.SQLITE_PATH as string;
    if (template && existsSync(template) && !existsSync(path)) copyFileSync(template, path);
    return;
  }
  const name = new URL(process.env.DATABASE_URL as string).pathname.slice(1);
  const template = process.env[POSTGRES_TEMPLATE_ENV];
  if (template) {
    await createFromTemplate(name, template);
  } else {
    await adminQuery(admin(), `CREATE DATABASE "${name}"`);
  }
}

export async function dropTestDatabase(): Promise<void> {
  if (process.env.DB_TYPE !== 'postgres') return;
  const name = new URL(process.env.DATABASE_URL as string).pathname.slice(1);
  await adminQuery(admin(), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/** A connection still closing on the template makes the copy fail for a moment (55006, object in use): retried. */
async function createFromTemplate(name: string, template: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await adminQuery(admin(), `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

function admin(): string {
  return process.env.TEST_ADMIN_DATABASE_URL as string;
}
