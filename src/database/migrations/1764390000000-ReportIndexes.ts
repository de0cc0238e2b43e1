import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * Indexes for the competency report (docs/reports.md): the officer list sorts and filters by score;
 * the article heat map and article pages read quiz evidence by question and by period.
 */
export class ReportIndexes1764390000000 implements MigrationInterface {
  name = 'ReportIndexes1764390000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createIndex(
      'capability_scores',
      new TableIndex({ name: 'idx_capability_scores_score', columnNames: ['score'] }),
    );
    await qr.createIndex(
      'scoring_evidence',
      new TableIndex({ name: 'idx_scoring_evidence_question', columnNames: ['questionId', 'finishedAt'] }),
    );
    await qr.createIndex(
      'scoring_evidence',
      new TableIndex({ name: 'idx_scoring_evidence_finished', columnNames: ['finishedAt', 'userId'] }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropIndex('scoring_evidence', 'idx_scoring_evidence_finished');
    await qr.dropIndex('scoring_evidence', 'idx_scoring_evidence_question');
    await qr.dropIndex('capability_scores', 'idx_capability_scores_score');
  }
}
