import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Login and the username checks match `LOWER(username)` (usernames ignore case), which the plain
 * unique index on `username` cannot serve: without this every login scanned the users table.
 * An expression index is the same statement on SQLite (3.9+) and PostgreSQL.
 */
export class UsernameLookup1764230612000 implements MigrationInterface {
  name = 'UsernameLookup1764230612000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query('CREATE INDEX "idx_users_username_lower" ON "users" (LOWER("username"))');
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query('DROP INDEX "idx_users_username_lower"');
  }
}
