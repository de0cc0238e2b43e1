import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { refColumn, timestampColumn } from '../migration-helpers';

/**
 * `notices.withdrawnAt`/`withdrawnById`: a withdrawn notice (已撤回) keeps its row for the audit, its
 * recipients see only that it was withdrawn. `lastRemindedAt`: 提醒未读人员 is refused within a cooldown.
 */
export class NoticeWithdrawCooldown1764456000000 implements MigrationInterface {
  name = 'NoticeWithdrawCooldown1764456000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumn('notices', new TableColumn(timestampColumn(qr, 'withdrawnAt', true)));
    await qr.addColumn('notices', new TableColumn(refColumn('withdrawnById', true)));
    await qr.addColumn('notices', new TableColumn(timestampColumn(qr, 'lastRemindedAt', true)));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropColumn('notices', 'lastRemindedAt');
    await qr.dropColumn('notices', 'withdrawnById');
    await qr.dropColumn('notices', 'withdrawnAt');
  }
}
