import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { timestampColumn } from '../migration-helpers';

/**
 * Units are retired, never deleted: a retired unit keeps its people's history and its audit trail but
 * is hidden from pickers and new assignments. (The new kind `community` needs no schema change.)
 */
export class UnitRetirement1764320000000 implements MigrationInterface {
  name = 'UnitRetirement1764320000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumn('units', new TableColumn(timestampColumn(qr, 'retiredAt', true)));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropColumn('units', 'retiredAt');
  }
}
