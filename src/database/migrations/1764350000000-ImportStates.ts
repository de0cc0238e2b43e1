import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { createdAtColumn, idColumn, jsonColumn, refColumn, timestampColumn } from '../migration-helpers';

/**
 * What imports did, kept in the database so admins see it after a restart: the last content import
 * at start (ok, or old content kept because of N problems, with the problems), and queued CSV user
 * imports (progress and result; never the rows or their passwords).
 */
export class ImportStates1764350000000 implements MigrationInterface {
  name = 'ImportStates1764350000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'content_import_status',
        columns: [
          { name: 'id', type: 'varchar', length: '20', isPrimary: true }, // always 'last'
          { name: 'outcome', type: 'varchar', length: '20' },
          { name: 'contentDir', type: 'varchar', length: '500' },
          { name: 'problemCount', type: 'integer', default: 0 },
          jsonColumn('problems'),
          { name: 'summary', type: 'varchar', length: '500', isNullable: true },
          timestampColumn(qr, 'finishedAt'),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'user_imports',
        columns: [
          idColumn(qr),
          refColumn('actorId', true),
          { name: 'actorUsername', type: 'varchar', length: '64' },
          { name: 'state', type: 'varchar', length: '20' },
          { name: 'total', type: 'integer' },
          { name: 'processed', type: 'integer', default: 0 },
          { name: 'created', type: 'integer', default: 0 },
          { name: 'failureCode', type: 'varchar', length: '60', isNullable: true },
          { name: 'failureMessage', type: 'varchar', length: '500', isNullable: true },
          createdAtColumn(qr),
          timestampColumn(qr, 'finishedAt', true),
        ],
      }),
    );
    await qr.createIndex(
      'user_imports',
      new TableIndex({ name: 'idx_user_imports_state', columnNames: ['state'] }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('user_imports');
    await qr.dropTable('content_import_status');
  }
}
