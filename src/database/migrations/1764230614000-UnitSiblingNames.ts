import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * Sibling units have distinct names (a unit name in a CSV import means one unit). The service checks
 * it; this index settles two concurrent creates on PostgreSQL, where writes are not serialised.
 */
export class UnitSiblingNames1764230614000 implements MigrationInterface {
  name = 'UnitSiblingNames1764230614000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createIndex(
      'units',
      new TableIndex({ name: 'uq_units_sibling_name', columnNames: ['parentId', 'name'], isUnique: true }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropIndex('units', 'uq_units_sibling_name');
  }
}
