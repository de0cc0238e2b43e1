import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `indicator_imports.numerator/denominator` (issue 18): an imported rate with its basis can roll up
 * to parent units (Σ numerator / Σ denominator of the subtree). Earlier rows keep only their value.
 * Plain ALTER TABLE on both databases: TypeORM's addColumn rebuilds the table on SQLite, which would
 * drop its report-snapshot triggers (1764410000000-ReportSnapshots).
 */
export class IndicatorImportBasis1764440180000 implements MigrationInterface {
  name = 'IndicatorImportBasis1764440180000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE indicator_imports ADD COLUMN "numerator" double precision NULL`);
    await qr.query(`ALTER TABLE indicator_imports ADD COLUMN "denominator" double precision NULL`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE indicator_imports DROP COLUMN "denominator"`);
    await qr.query(`ALTER TABLE indicator_imports DROP COLUMN "numerator"`);
  }
}
