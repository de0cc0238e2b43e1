import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { timestampColumn } from '../migration-helpers';

/** The questions practice handed to each officer: only those may be answered (and their key shown) in practice. */
export class PracticeHandouts1764416000000 implements MigrationInterface {
  name = 'PracticeHandouts1764416000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'practice_handouts',
        columns: [
          { name: 'userId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'questionId', type: 'varchar', length: '64', isPrimary: true },
          { name: 'versionId', type: 'varchar', length: '36' },
          timestampColumn(qr, 'handedOutAt'),
        ],
        foreignKeys: [
          {
            columnNames: ['userId'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
          { columnNames: ['questionId'], referencedTableName: 'questions', referencedColumnNames: ['id'] },
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('practice_handouts');
  }
}
