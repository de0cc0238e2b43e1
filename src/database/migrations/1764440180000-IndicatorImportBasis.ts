import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * `indicator_imports.numerator/denominator` (issue 18): an imported rate with its basis can roll up
 * to parent units (Σ numerator / Σ denominator of the subtree). Earlier rows keep only their value.
 */
export class IndicatorImportBasis1764440180000 implements MigrationInterface {
  name = 'IndicatorImportBasis1764440180000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumns('indicator_imports', [
      new TableColumn({ name: 'numerator', type: 'double precision', isNullable: true }),
      new TableColumn({ name: 'denominator', type: 'double precision', isNullable: true }),
    ]);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropColumn('indicator_imports', 'denominator');
    await qr.dropColumn('indicator_imports', 'numerator');
  }
}
