import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import {
  boolColumn,
  createdAtColumn,
  idColumn,
  jsonColumn,
  refColumn,
  timestampColumn,
} from '../migration-helpers';

/** Units, users, sessions and the audit log: the foundation every feature scopes against. */
export class Organisation1764230400000 implements MigrationInterface {
  name = 'Organisation1764230400000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'units',
        columns: [
          idColumn(qr),
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'kind', type: 'varchar', length: '20' },
          refColumn('parentId', true),
          { name: 'path', type: 'varchar', length: '1000' },
          createdAtColumn(qr),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['parentId'],
            referencedTableName: 'units',
            referencedColumnNames: ['id'],
          }),
        ],
        indices: [
          new TableIndex({ name: 'idx_units_path', columnNames: ['path'] }),
          new TableIndex({ name: 'idx_units_parent', columnNames: ['parentId'] }),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'users',
        columns: [
          idColumn(qr),
          { name: 'username', type: 'varchar', length: '64' },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'passwordHash', type: 'varchar', length: '255' },
          { name: 'role', type: 'varchar', length: '20' },
          refColumn('unitId'),
          boolColumn('disabled', false),
          timestampColumn(qr, 'lastLoginAt', true),
          createdAtColumn(qr),
          createdAtColumn(qr, 'updatedAt'),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['unitId'],
            referencedTableName: 'units',
            referencedColumnNames: ['id'],
          }),
        ],
        indices: [
          new TableIndex({ name: 'uq_users_username', columnNames: ['username'], isUnique: true }),
          new TableIndex({ name: 'idx_users_unit', columnNames: ['unitId'] }),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'auth_sessions',
        columns: [
          idColumn(qr),
          { name: 'tokenHash', type: 'varchar', length: '64' },
          refColumn('userId'),
          { name: 'kind', type: 'varchar', length: '10' },
          { name: 'csrfToken', type: 'varchar', length: '64' },
          { name: 'ip', type: 'varchar', length: '64', isNullable: true },
          { name: 'userAgent', type: 'varchar', length: '255', isNullable: true },
          createdAtColumn(qr),
          timestampColumn(qr, 'expiresAt'),
          timestampColumn(qr, 'revokedAt', true),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['userId'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
        indices: [
          new TableIndex({ name: 'uq_auth_sessions_token', columnNames: ['tokenHash'], isUnique: true }),
          new TableIndex({ name: 'idx_auth_sessions_user', columnNames: ['userId'] }),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'audit_logs',
        columns: [
          idColumn(qr),
          refColumn('actorId', true),
          { name: 'actorUsername', type: 'varchar', length: '64', isNullable: true },
          { name: 'action', type: 'varchar', length: '64' },
          { name: 'entityType', type: 'varchar', length: '40' },
          { name: 'entityId', type: 'varchar', length: '64', isNullable: true },
          jsonColumn('before', true),
          jsonColumn('after', true),
          { name: 'ip', type: 'varchar', length: '64', isNullable: true },
          createdAtColumn(qr),
        ],
        indices: [
          new TableIndex({ name: 'idx_audit_logs_created', columnNames: ['createdAt'] }),
          new TableIndex({ name: 'idx_audit_logs_entity', columnNames: ['entityType', 'entityId'] }),
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const table of ['audit_logs', 'auth_sessions', 'users', 'units']) await qr.dropTable(table);
  }
}
