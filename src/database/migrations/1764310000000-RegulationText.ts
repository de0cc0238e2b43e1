import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { createdAtColumn, refColumn } from '../migration-helpers';

/** The full 条例 text as loaded by an admin (or seeded from REGULATION_TEXT_PATH); the newest row is current. */
export class RegulationText1764310000000 implements MigrationInterface {
  name = 'RegulationText1764310000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'regulation_texts',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          { name: 'markdown', type: 'text' },
          { name: 'articleCount', type: 'integer' },
          { name: 'sha256', type: 'varchar', length: '64' },
          { name: 'source', type: 'varchar', length: '20' },
          { name: 'fileName', type: 'varchar', length: '200', isNullable: true },
          refColumn('loadedById', true),
          { name: 'loadedByUsername', type: 'varchar', length: '64', isNullable: true },
          createdAtColumn(qr),
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('regulation_texts');
  }
}
