import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { boolColumn, isPostgres } from '../migration-helpers';
import { createReportTriggers } from './1764410000000-ReportSnapshots';

/**
 * `training_sessions.backfilled` marks a 补录 (a past class recorded afterwards: no notices, never
 * auto-marked 缺席); `cancelReason` keeps why a session was cancelled, also after it had ended.
 */
export class SessionBackfillCancel1764454000000 implements MigrationInterface {
  name = 'SessionBackfillCancel1764454000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumns('training_sessions', [
      new TableColumn(boolColumn('backfilled', false)),
      new TableColumn({ name: 'cancelReason', type: 'varchar', length: '500', isNullable: true }),
    ]);
    // SQLite adds a column by rebuilding the table, which drops its triggers: the report ones come back
    if (!isPostgres(qr)) await createReportTriggers(qr, [{ table: 'training_sessions' }]);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropColumn('training_sessions', 'cancelReason');
    await qr.dropColumn('training_sessions', 'backfilled');
    if (!isPostgres(qr)) await createReportTriggers(qr, [{ table: 'training_sessions' }]);
  }
}
