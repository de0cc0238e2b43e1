import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { boolColumn } from '../migration-helpers';

/**
 * `training_sessions.backfilled` marks a 补录 (a past class recorded afterwards: no notices, never
 * auto-marked 缺席); `cancelReason` keeps why a session was cancelled, also after it had ended.
 */
export class SessionBackfillCancel1764454000000 implements MigrationInterface {
  name = 'SessionBackfillCancel1764454000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumn('training_sessions', new TableColumn(boolColumn('backfilled', false)));
    await qr.addColumn(
      'training_sessions',
      new TableColumn({ name: 'cancelReason', type: 'varchar', length: '500', isNullable: true }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropColumn('training_sessions', 'cancelReason');
    await qr.dropColumn('training_sessions', 'backfilled');
  }
}
