import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { boolColumn, isPostgres, jsonColumn } from '../migration-helpers';
import { createReportTriggers } from './1764410000000-ReportSnapshots';

const DIMS = ['prevention', 'acceptance', 'handling', 'supervision', 'order'];
const num = (name: string, nullable: boolean) =>
  new TableColumn({ name, type: 'double precision', isNullable: nullable });

/**
 * Model cap-2 (docs/scoring.md). The evidence names the question version answered (the item), and a
 * score or dimension value may be NULL (未评定) with its 80 % interval beside it. Both tables are
 * derived data: they are emptied, so no cap-1.0 number survives as if it were cap-2; the next full
 * run (or the first read of an officer's capability) rebuilds them from quiz_attempts.
 * On SQLite, changing a column copies the table and so drops capability_scores' report triggers:
 * they are created again (PostgreSQL alters in place and keeps them).
 */
export class Cap2Scores1764440000000 implements MigrationInterface {
  name = 'Cap2Scores1764440000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`DELETE FROM scoring_evidence`);
    await qr.addColumn(
      'scoring_evidence',
      new TableColumn({ name: 'versionId', type: 'varchar', length: '36', isNullable: true }),
    );
    // first answer per (officer, question version) by a window over this order, without a sort
    await qr.createIndex(
      'scoring_evidence',
      new TableIndex({
        name: 'idx_scoring_evidence_first',
        columnNames: ['userId', 'versionId', 'finishedAt', 'attemptId'],
      }),
    );
    await qr.query(`DELETE FROM capability_scores`);
    await qr.changeColumns('capability_scores', [
      { oldColumn: num('score', false), newColumn: num('score', true) },
      { oldColumn: num('knowledge', false), newColumn: num('knowledge', true) },
      ...DIMS.map((d) => ({ oldColumn: num(`${d}Mastery`, false), newColumn: num(`${d}Mastery`, true) })),
    ]);
    await qr.addColumns('capability_scores', [
      num('scoreLower', true),
      num('scoreUpper', true),
      new TableColumn(boolColumn('rated', false)),
      new TableColumn(boolColumn('meetsTarget', false)),
      new TableColumn({ name: 'hours', type: 'double precision', default: 0 }),
      // per dimension: answers, correct, 80 % interval, rated, reason (the breakdown, never filtered on)
      new TableColumn(jsonColumn('dimensionDetail', true)),
    ]);
    if (!isPostgres(qr)) await createReportTriggers(qr, [{ table: 'capability_scores' }]);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DELETE FROM capability_scores`);
    for (const c of ['dimensionDetail', 'hours', 'meetsTarget', 'rated', 'scoreUpper', 'scoreLower']) {
      await qr.dropColumn('capability_scores', c);
    }
    await qr.changeColumns('capability_scores', [
      { oldColumn: num('score', true), newColumn: num('score', false) },
      { oldColumn: num('knowledge', true), newColumn: num('knowledge', false) },
      ...DIMS.map((d) => ({ oldColumn: num(`${d}Mastery`, true), newColumn: num(`${d}Mastery`, false) })),
    ]);
    if (!isPostgres(qr)) await createReportTriggers(qr, [{ table: 'capability_scores' }]);
    await qr.query(`DELETE FROM scoring_evidence`);
    await qr.dropIndex('scoring_evidence', 'idx_scoring_evidence_first');
    await qr.dropColumn('scoring_evidence', 'versionId');
  }
}
