import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

/** Near-duplicate questions share a `family`; a quiz draw takes at most one question of a family. */
export class QuestionFamily1764300000000 implements MigrationInterface {
  name = 'QuestionFamily1764300000000';

  async up(qr: QueryRunner): Promise<void> {
    const family = () => new TableColumn({ name: 'family', type: 'varchar', length: '64', isNullable: true });
    await qr.addColumn('questions', family());
    await qr.addColumn('question_versions', family());
    await qr.createIndex(
      'questions',
      new TableIndex({ name: 'idx_questions_family', columnNames: ['courseId', 'family'] }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropIndex('questions', 'idx_questions_family');
    await qr.dropColumn('question_versions', 'family');
    await qr.dropColumn('questions', 'family');
  }
}
