import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { timestampColumn } from '../migration-helpers';

/** Practice answers per officer and question: the 错题本 holds questions answered wrong until right twice in a row. */
export class Practice1764360100000 implements MigrationInterface {
  name = 'Practice1764360100000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'practice_items',
        columns: [
          { name: 'userId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'questionId', type: 'varchar', length: '64', isPrimary: true },
          { name: 'wrongCount', type: 'integer', default: 0 },
          { name: 'rightCount', type: 'integer', default: 0 },
          { name: 'streak', type: 'integer', default: 0 },
          { name: 'inMistakeBook', type: 'boolean', default: 'false' },
          timestampColumn(qr, 'lastAnsweredAt'),
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
        indices: [
          new TableIndex({ name: 'idx_practice_items_book', columnNames: ['userId', 'inMistakeBook'] }),
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('practice_items');
  }
}
