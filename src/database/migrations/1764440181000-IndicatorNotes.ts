import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { refColumn, timestampColumn } from '../migration-helpers';

/** 偏差原因 / 改进措施 per unit, period and indicator (issue 18, the 绩效 table). */
export class IndicatorNotes1764440181000 implements MigrationInterface {
  name = 'IndicatorNotes1764440181000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'indicator_notes',
        columns: [
          { name: 'unitId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'period', type: 'varchar', length: '7', isPrimary: true },
          { name: 'code', type: 'varchar', length: '40', isPrimary: true },
          { name: 'deviationReason', type: 'text' },
          { name: 'improvement', type: 'text' },
          refColumn('updatedById', true),
          timestampColumn(qr, 'updatedAt'),
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('indicator_notes');
  }
}
