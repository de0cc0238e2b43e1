import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { migrations } from './migrations';
import { buildDataSourceOptions } from './typeorm.options';

jest.setTimeout(120_000);

/** A new installation with either SQLite driver migrates from an empty file (CI runs both). */
describe.each(['sqlite3', 'better-sqlite3'] as const)(
  'every migration from an empty SQLite file with %s',
  (driver) => {
    const dir = mkdtempSync(join(tmpdir(), `pt-migrate-${driver}-`));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('runs them all and leaves the username lookup index on LOWER(username)', async () => {
      const ds = new DataSource(
        buildDataSourceOptions({
          DB_TYPE: 'sqlite',
          SQLITE_PATH: join(dir, 'new.sqlite'),
          SQLITE_DRIVER: driver,
        }),
      );
      await ds.initialize();
      try {
        const ran = await ds.runMigrations({ transaction: 'each' });
        expect(ran.map((m) => m.name).sort()).toEqual(migrations.map((m) => m.name).sort());
        const [index] = await ds.query(
          `SELECT sql FROM sqlite_master WHERE name = 'idx_users_username_lower'`,
        );
        expect(index.sql).toContain('LOWER("username")');
        expect(await ds.query(`PRAGMA integrity_check`)).toEqual([{ integrity_check: 'ok' }]);
      } finally {
        await ds.destroy();
      }
    });
  },
);
