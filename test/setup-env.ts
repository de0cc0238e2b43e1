import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

/**
 * Runs before each test file, before anything imports the app: ConfigModule validates the
 * environment when AppModule is first imported. Each file gets its own database.
 */
const id = `${process.pid}_${randomBytes(4).toString('hex')}`;
process.env.TZ = 'UTC';
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
process.env.DEMO_DATA = 'false';
process.env.CONTENT_IMPORT_ON_START = 'false';
// Dashboards exact on every read (no out-of-date snapshot served) and no background refresh timer;
// test/report-snapshots.e2e-spec.ts sets both itself.
process.env.REPORT_STALE_SECONDS ??= '0';
process.env.REPORT_REFRESH_SECONDS ??= '0';
process.env.QUEUE_PREFIX = `pt_test_${id}`;
// The project's own excerpt of the 条例 (all 50 articles, most cut short); .ci/run checks the real text separately.
process.env.REGULATION_TEXT_PATH = join(__dirname, 'fixtures', 'regulation', 'regulation-fixture.md');
if (process.env.DB_TYPE === 'postgres') {
  const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  process.env.TEST_ADMIN_DATABASE_URL = base;
  const url = new URL(base);
  url.pathname = `/pt_test_${id}`;
  process.env.DATABASE_URL = url.toString();
} else {
  process.env.DB_TYPE = 'sqlite';
  process.env.SQLITE_PATH = join(__dirname, '..', 'tmp', 'test-db', `test_${id}.sqlite`);
}
