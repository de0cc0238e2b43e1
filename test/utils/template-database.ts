import 'reflect-metadata';
import { existsSync, rmSync } from 'node:fs';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../src/database/typeorm.options';

/**
 * Every migration, run once per test run into a template that each test file's database is copied
 * from, instead of once per app boot. Built from the migrations list at test start (a migration added
 * later is in it), and never committed. The app boots with migrationsRun: true as always and finds
 * them all applied; src/database/migrations.spec.ts and this build migrate from empty.
 */
export const SQLITE_TEMPLATE_ENV = 'TEST_SQLITE_TEMPLATE';
export const POSTGRES_TEMPLATE_ENV = 'TEST_POSTGRES_TEMPLATE';

export async function buildTemplateDatabase(sqliteDir: string): Promise<void> {
  if (process.env.DB_TYPE === 'postgres') {
    const admin = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    // One per run: CREATE DATABASE ... TEMPLATE needs a template nobody else is connected to or rebuilding.
    const name = `pt_template_${process.pid}_${Date.now().toString(36)}`;
    await adminQuery(admin, `CREATE DATABASE "${name}"`);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    await migrate(url.toString(), '');
    process.env[POSTGRES_TEMPLATE_ENV] = name;
  } else {
    const path = `${sqliteDir}/template.sqlite`;
    await migrate(undefined, path);
    process.env[SQLITE_TEMPLATE_ENV] = path;
  }
}

export async function dropTemplateDatabase(): Promise<void> {
  const name = process.env[POSTGRES_TEMPLATE_ENV];
  if (name) {
    await adminQuery(process.env.DATABASE_URL as string, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
  const path = process.env[SQLITE_TEMPLATE_ENV];
  if (path && existsSync(path)) rmSync(path, { force: true });
}

async function migrate(url: string | undefined, sqlitePath: string): Promise<void> {
  const ds = new DataSource(
    buildDataSourceOptions({
      DB_TYPE: url ? 'postgres' : 'sqlite',
      DATABASE_URL: url,
      SQLITE_PATH: sqlitePath,
    }),
  );
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    // The copy is of the main file alone: everything out of the write-ahead log first.
    if (!url) await ds.query('PRAGMA wal_checkpoint(TRUNCATE)');
  } finally {
    await ds.destroy();
  }
}

export async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
