import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { idColumn, refColumn, timestampColumn } from '../migration-helpers';

/** In-app notifications: reminders and notices for one person each. */
export class Notifications1764300010000 implements MigrationInterface {
  name = 'Notifications1764300010000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'notifications',
        columns: [
          idColumn(qr),
          refColumn('userId'),
          { name: 'kind', type: 'varchar', length: '40' },
          refColumn('sourceId', true),
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'body', type: 'text' },
          { name: 'link', type: 'varchar', length: '300', isNullable: true },
          timestampColumn(qr, 'createdAt'),
          timestampColumn(qr, 'readAt', true),
        ],
        foreignKeys: [
          {
            columnNames: ['userId'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
    await qr.createIndex(
      'notifications',
      new TableIndex({ name: 'idx_notifications_user', columnNames: ['userId', 'createdAt'] }),
    );
    await qr.createIndex(
      'notifications',
      new TableIndex({ name: 'idx_notifications_source', columnNames: ['kind', 'sourceId'] }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('notifications');
  }
}
