import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * For unit and user administration: the tree has exactly one root, the bureau (a partial unique
 * index, so two concurrent creates cannot both win), and the audit page filters by action.
 */
export class OrganisationAdmin1764230610000 implements MigrationInterface {
  name = 'OrganisationAdmin1764230610000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createIndex(
      'units',
      new TableIndex({
        name: 'uq_units_single_bureau',
        columnNames: ['kind'],
        isUnique: true,
        where: `"kind" = 'bureau'`,
      }),
    );
    await qr.createIndex(
      'audit_logs',
      new TableIndex({ name: 'idx_audit_logs_action', columnNames: ['action', 'createdAt'] }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropIndex('audit_logs', 'idx_audit_logs_action');
    await qr.dropIndex('units', 'uq_units_single_bureau');
  }
}
