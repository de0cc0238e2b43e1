import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { boolColumn, refColumn, timestampColumn } from '../migration-helpers';
import { createReportTriggers } from './1764410000000-ReportSnapshots';

const DIMS = ['prevention', 'acceptance', 'handling', 'supervision', 'order'];
const TARGET_INPUTS = [{ table: 'indicator_scoped_targets' }];

/**
 * Figures true to their period (issue 18, docs/scoring.md "Capability as of a period end"):
 * - capability_period_scores: each officer's cap-2 estimate from the evidence up to a month end
 *   ("periodEnd" = the month that ends there; a quarter or a year ends with its last month), one
 *   batched pass per month end; capability_period_ends marks the passes done (derived data: a
 *   reopened period computes its pass again).
 * - indicator_values.numerator/denominator: a stored (closed) rate keeps its basis. Plain ALTER
 *   TABLE: addColumn rebuilds a SQLite table (see 1764440180000-IndicatorImportBasis).
 * - indicator_scoped_targets: a target for one year and/or one unit ('' = every year / every unit).
 *   indicator_targets stays as it was: the bureau-wide default, so existing targets keep their meaning.
 */
export class PeriodTruth1764451000000 implements MigrationInterface {
  name = 'PeriodTruth1764451000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'capability_period_scores',
        columns: [
          { name: 'periodEnd', type: 'varchar', length: '7', isPrimary: true },
          { name: 'userId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'score', type: 'double precision', isNullable: true },
          boolColumn('meetsTarget', false),
          ...DIMS.map((d) => ({ name: `${d}Mastery`, type: 'double precision', isNullable: true })),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'capability_period_ends',
        columns: [
          { name: 'periodEnd', type: 'varchar', length: '7', isPrimary: true },
          timestampColumn(qr, 'asOf'),
          timestampColumn(qr, 'computedAt'),
          { name: 'officers', type: 'integer' },
        ],
      }),
    );
    await qr.query(`ALTER TABLE indicator_values ADD COLUMN "numerator" double precision NULL`);
    await qr.query(`ALTER TABLE indicator_values ADD COLUMN "denominator" double precision NULL`);
    await qr.createTable(
      new Table({
        name: 'indicator_scoped_targets',
        columns: [
          { name: 'code', type: 'varchar', length: '40', isPrimary: true },
          { name: 'year', type: 'varchar', length: '4', isPrimary: true },
          { name: 'unitId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'target', type: 'double precision' },
          refColumn('updatedById', true),
          timestampColumn(qr, 'updatedAt'),
        ],
      }),
    );
    await createReportTriggers(qr, TARGET_INPUTS);
  }

  async down(qr: QueryRunner): Promise<void> {
    // its report triggers go with the table (dropReportTriggers would drop the shared PostgreSQL function)
    await qr.dropTable('indicator_scoped_targets');
    await qr.query(`ALTER TABLE indicator_values DROP COLUMN "denominator"`);
    await qr.query(`ALTER TABLE indicator_values DROP COLUMN "numerator"`);
    await qr.dropTable('capability_period_ends');
    await qr.dropTable('capability_period_scores');
  }
}
