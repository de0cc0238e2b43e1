import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { boolColumn, isPostgres, refColumn, timestampColumn } from '../migration-helpers';

/**
 * Managing assignments and first sign-in: an assignment can be cancelled (kept for history, no longer
 * due for anyone), and a user given a password by someone else must change it at first sign-in.
 */
export class LearningManagement1764330000000 implements MigrationInterface {
  name = 'LearningManagement1764330000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumns('assignments', [
      new TableColumn(timestampColumn(qr, 'cancelledAt', true)),
      new TableColumn(refColumn('cancelledById', true)),
    ]);
    // SQLite adds the column by rebuilding the table, and TypeORM would rebuild the expression index
    // on LOWER(username) as an index on a column "null" (a double-quoted string, which SQLite builds
    // without DQS, such as better-sqlite3's, refuse): drop it first, put the real one back after.
    if (!isPostgres(qr)) await qr.query('DROP INDEX IF EXISTS "idx_users_username_lower"');
    await qr.addColumn('users', new TableColumn(boolColumn('mustChangePassword', false)));
    if (!isPostgres(qr)) {
      await qr.query('CREATE INDEX "idx_users_username_lower" ON "users" (LOWER("username"))');
    }
  }

  async down(qr: QueryRunner): Promise<void> {
    if (!isPostgres(qr)) await qr.query('DROP INDEX IF EXISTS "idx_users_username_lower"');
    await qr.dropColumn('users', 'mustChangePassword');
    if (!isPostgres(qr)) {
      await qr.query('CREATE INDEX "idx_users_username_lower" ON "users" (LOWER("username"))');
    }
    await qr.dropColumns('assignments', ['cancelledById', 'cancelledAt']);
  }
}
