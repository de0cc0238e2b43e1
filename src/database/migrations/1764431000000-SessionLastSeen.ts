import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { createdAtColumn } from '../migration-helpers';

/**
 * `auth_sessions.lastSeenAt` for the idle timeout (SESSION_IDLE_MINUTES, docs/security.md). Sessions
 * open at the upgrade get the upgrade's time, so nobody is signed out by the migration itself.
 */
export class SessionLastSeen1764431000000 implements MigrationInterface {
  name = 'SessionLastSeen1764431000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumn('auth_sessions', new TableColumn(createdAtColumn(qr, 'lastSeenAt')));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropColumn('auth_sessions', 'lastSeenAt');
  }
}
