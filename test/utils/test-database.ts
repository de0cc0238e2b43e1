import { Client } from 'pg';

/** On PostgreSQL each test file gets a database of its own, created here and dropped at the end. */
export async function createTestDatabase(): Promise<void> {
  if (process.env.DB_TYPE !== 'postgres') return;
  const name = new URL(process.env.DATABASE_URL as string).pathname.slice(1);
  await withAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
}

export async function dropTestDatabase(): Promise<void> {
  if (process.env.DB_TYPE !== 'postgres') return;
  const name = new URL(process.env.DATABASE_URL as string).pathname.slice(1);
  await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

async function withAdmin(work: (c: Client) => Promise<unknown>): Promise<void> {
  const client = new Client({ connectionString: process.env.TEST_ADMIN_DATABASE_URL });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
