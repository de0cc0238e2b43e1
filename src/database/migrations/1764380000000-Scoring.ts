import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';
import { refColumn, timestampColumn } from '../migration-helpers';

const DIMS = ['prevention', 'acceptance', 'handling', 'supervision', 'order'];
const num = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'double precision',
  isNullable: nullable,
});
const int = (name: string): TableColumnOptions => ({ name, type: 'integer', default: 0 });

/**
 * Capability scoring and quality indicators. `scoring_evidence` is the quiz evidence flattened out of
 * quiz_attempts.results (one row per answered question), so scores are computed by set-based SQL;
 * `capability_scores` holds every input of the formula beside the score (the breakdown).
 */
export class Scoring1764380000000 implements MigrationInterface {
  name = 'Scoring1764380000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'scoring_evidence',
        columns: [
          { name: 'attemptId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'questionId', type: 'varchar', length: '64', isPrimary: true },
          refColumn('userId'),
          { name: 'dimension', type: 'varchar', length: '20' },
          { name: 'difficulty', type: 'integer' },
          num('credit'),
          timestampColumn(qr, 'finishedAt'),
          // days since 1970-01-01 UTC, so the recency weight needs no date parsing per row
          num('finishedDay'),
        ],
      }),
    );
    // Covering: the score statement reads evidence from this index alone, grouped by officer and dimension.
    await qr.createIndex(
      'scoring_evidence',
      new TableIndex({
        name: 'idx_scoring_evidence_user',
        columnNames: ['userId', 'dimension', 'finishedAt', 'finishedDay', 'difficulty', 'credit'],
      }),
    );

    await qr.createTable(
      new Table({
        name: 'capability_scores',
        columns: [
          { name: 'userId', type: 'varchar', length: '36', isPrimary: true },
          num('score'),
          num('knowledge'),
          ...DIMS.flatMap((d) => [num(`${d}Mastery`), num(`${d}Weight`), int(`${d}Count`)]),
          int('coursesRequired'),
          int('coursesDone'),
          num('courseRate', true),
          num('attendancePoints'),
          int('attendanceCount'),
          num('attendanceRate', true),
          { name: 'formulaVersion', type: 'varchar', length: '20' },
          timestampColumn(qr, 'asOf'),
          timestampColumn(qr, 'computedAt'),
        ],
      }),
    );

    await qr.createTable(
      new Table({
        name: 'scoring_runs',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'scope', type: 'varchar', length: '10' },
          { name: 'trigger', type: 'varchar', length: '10' },
          { name: 'state', type: 'varchar', length: '10' },
          int('officersTotal'),
          int('chunksTotal'),
          { name: 'error', type: 'varchar', length: '500', isNullable: true },
          refColumn('requestedById', true),
          timestampColumn(qr, 'createdAt'),
          timestampColumn(qr, 'startedAt', true),
          timestampColumn(qr, 'finishedAt', true),
        ],
      }),
    );
    await qr.createIndex(
      'scoring_runs',
      new TableIndex({ name: 'idx_scoring_runs_created', columnNames: ['createdAt'] }),
    );
    // One row per finished chunk: progress is counted from these, so a retried chunk never counts twice.
    await qr.createTable(
      new Table({
        name: 'scoring_run_chunks',
        columns: [
          { name: 'runId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'chunkNo', type: 'integer', isPrimary: true },
          int('officers'),
          timestampColumn(qr, 'finishedAt'),
        ],
      }),
    );

    await qr.createTable(
      new Table({
        name: 'indicator_targets',
        columns: [
          { name: 'code', type: 'varchar', length: '40', isPrimary: true },
          num('target'),
          refColumn('updatedById', true),
          timestampColumn(qr, 'updatedAt'),
        ],
      }),
    );
    // Bureau indicators from other systems (及时受理率 …), per unit and period.
    await qr.createTable(
      new Table({
        name: 'indicator_imports',
        columns: [
          { name: 'unitId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'period', type: 'varchar', length: '7', isPrimary: true },
          { name: 'code', type: 'varchar', length: '40', isPrimary: true },
          num('value'),
          timestampColumn(qr, 'importedAt'),
        ],
      }),
    );
    // Stored values of a period: written by the aggregate job, frozen when the period is closed.
    await qr.createTable(
      new Table({
        name: 'indicator_values',
        columns: [
          { name: 'unitId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'period', type: 'varchar', length: '7', isPrimary: true },
          { name: 'scope', type: 'varchar', length: '8', isPrimary: true },
          { name: 'code', type: 'varchar', length: '40', isPrimary: true },
          num('actual', true),
          num('target', true),
          timestampColumn(qr, 'computedAt'),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'indicator_periods',
        columns: [
          { name: 'period', type: 'varchar', length: '7', isPrimary: true },
          timestampColumn(qr, 'closedAt'),
          refColumn('closedById', true),
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of [
      'indicator_periods',
      'indicator_values',
      'indicator_imports',
      'indicator_targets',
      'scoring_run_chunks',
      'scoring_runs',
      'capability_scores',
      'scoring_evidence',
    ]) {
      await qr.dropTable(t);
    }
  }
}
