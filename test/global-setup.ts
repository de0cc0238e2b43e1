import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildTemplateDatabase } from './utils/template-database';

/**
 * Refuses to run against anything that is not a test database, clears old SQLite test files, and
 * migrates the template every test file's database is copied from.
 */
export default async function globalSetup(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (process.env.DB_TYPE === 'postgres' && url && !/test/i.test(new URL(url).pathname)) {
    throw new Error(`Refusing to run tests: DATABASE_URL ${url} does not name a test database`);
  }
  const dir = join(__dirname, '..', 'tmp', 'test-db');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await buildTemplateDatabase(dir);
}
