import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { timestampColumn } from '../migration-helpers';

/**
 * Item calibration for model cap-2 (docs/scoring.md, "Item difficulties").
 * - scoring_evidence."isFirst": 1 on an officer's first answer to a question version (by finish
 *   time, ties by attempt id), 0 on later ones, set when evidence is expanded. The first answer up
 *   to any date is the first answer overall if it is before that date, so the flag is exact for
 *   every asOf; the score and calibration statements read first answers from the index below
 *   instead of a window over every answer.
 * - item_calibrations: per question version the calibrated difficulty b, its standard error and
 *   the answers it rests on, written by each full run; an item without a row takes its label prior.
 */
export class ItemCalibration1764452000000 implements MigrationInterface {
  name = 'ItemCalibration1764452000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumn(
      'scoring_evidence',
      new TableColumn({ name: 'isFirst', type: 'integer', isNullable: true }),
    );
    await qr.createIndex(
      'scoring_evidence',
      new TableIndex({
        name: 'idx_scoring_evidence_counted',
        columnNames: ['isFirst', 'userId', 'versionId', 'dimension', 'credit', 'finishedAt', 'finishedDay'],
      }),
    );
    // backfill (the same rule as src/scoring/first-answers.sql.ts, written out so this migration stays as it ran)
    await qr.query(
      `UPDATE scoring_evidence SET "isFirst" = CASE WHEN EXISTS (SELECT 1 FROM scoring_evidence x` +
        ` WHERE x."userId" = scoring_evidence."userId" AND x."versionId" = scoring_evidence."versionId"` +
        ` AND (x."finishedAt" < scoring_evidence."finishedAt" OR (x."finishedAt" = scoring_evidence."finishedAt"` +
        ` AND x."attemptId" < scoring_evidence."attemptId"))) THEN 0 ELSE 1 END`,
    );
    await qr.createTable(
      new Table({
        name: 'item_calibrations',
        columns: [
          { name: 'versionId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'b', type: 'double precision' },
          { name: 'se', type: 'double precision' },
          { name: 'answers', type: 'integer' },
          timestampColumn(qr, 'calibratedAt'),
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('item_calibrations');
    await qr.dropIndex('scoring_evidence', 'idx_scoring_evidence_counted');
    await qr.dropColumn('scoring_evidence', 'isFirst');
  }
}
