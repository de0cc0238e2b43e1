import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { createdAtColumn, idColumn, jsonColumn, timestampColumn } from '../migration-helpers';

/** Courses, lessons, versioned questions, citations and the regulation index imported from content/. */
export class Content1764230500000 implements MigrationInterface {
  name = 'Content1764230500000';

  async up(qr: QueryRunner): Promise<void> {
    const key = (name: string) => ({ name, type: 'varchar', length: '64', isPrimary: true });
    const ref = (name: string) => ({ name, type: 'varchar', length: '64' });
    await qr.createTable(
      new Table({
        name: 'courses',
        columns: [
          key('id'),
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'summary', type: 'text' },
          { name: 'creditHours', type: 'real' },
          { name: 'validityMonths', type: 'integer' },
          { name: 'passMark', type: 'integer' },
          jsonColumn('requiredRoles'),
          { name: 'sortOrder', type: 'integer' },
          jsonColumn('quiz', true),
          ref('contentHash'),
          timestampColumn(qr, 'retiredAt', true),
          createdAtColumn(qr, 'updatedAt'),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'lessons',
        columns: [
          key('id'),
          ref('courseId'),
          { name: 'sortOrder', type: 'integer' },
          { name: 'title', type: 'varchar', length: '200' },
          jsonColumn('articles'),
          { name: 'dimension', type: 'varchar', length: '20' },
          { name: 'bodyMarkdown', type: 'text' },
          { name: 'bodyHtml', type: 'text' },
          ref('contentHash'),
          timestampColumn(qr, 'retiredAt', true),
          createdAtColumn(qr, 'updatedAt'),
        ],
        foreignKeys: [
          { columnNames: ['courseId'], referencedTableName: 'courses', referencedColumnNames: ['id'] },
        ],
        indices: [new TableIndex({ name: 'idx_lessons_course', columnNames: ['courseId', 'sortOrder'] })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'questions',
        columns: [
          key('id'),
          ref('courseId'),
          { name: 'currentVersionId', type: 'varchar', length: '36' },
          { name: 'currentVersion', type: 'integer' },
          { name: 'type', type: 'varchar', length: '12' },
          { name: 'dimension', type: 'varchar', length: '20' },
          { name: 'difficulty', type: 'integer' },
          timestampColumn(qr, 'retiredAt', true),
        ],
        foreignKeys: [
          { columnNames: ['courseId'], referencedTableName: 'courses', referencedColumnNames: ['id'] },
        ],
        indices: [
          new TableIndex({ name: 'idx_questions_course', columnNames: ['courseId', 'retiredAt'] }),
          new TableIndex({ name: 'idx_questions_dimension', columnNames: ['dimension'] }),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'question_versions',
        columns: [
          idColumn(qr),
          ref('questionId'),
          { name: 'version', type: 'integer' },
          ref('contentHash'),
          { name: 'type', type: 'varchar', length: '12' },
          { name: 'stem', type: 'text' },
          jsonColumn('options'),
          jsonColumn('answer'),
          { name: 'explanation', type: 'text' },
          jsonColumn('articles'),
          { name: 'dimension', type: 'varchar', length: '20' },
          { name: 'difficulty', type: 'integer' },
          createdAtColumn(qr),
        ],
        foreignKeys: [
          { columnNames: ['questionId'], referencedTableName: 'questions', referencedColumnNames: ['id'] },
        ],
        indices: [
          new TableIndex({
            name: 'uq_question_versions',
            columnNames: ['questionId', 'version'],
            isUnique: true,
          }),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'content_citations',
        columns: [
          { name: 'kind', type: 'varchar', length: '10', isPrimary: true },
          { name: 'itemId', type: 'varchar', length: '64', isPrimary: true },
          { name: 'articleNo', type: 'integer', isPrimary: true },
        ],
        indices: [new TableIndex({ name: 'idx_content_citations_article', columnNames: ['articleNo'] })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'regulation_articles',
        columns: [
          { name: 'number', type: 'integer', isPrimary: true },
          { name: 'chapter', type: 'integer' },
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'summary', type: 'text' },
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'content_imports',
        columns: [
          { name: 'id', type: 'varchar', length: '20', isPrimary: true },
          ref('treeHash'),
          jsonColumn('summary'),
          createdAtColumn(qr, 'updatedAt'),
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of [
      'content_imports',
      'regulation_articles',
      'content_citations',
      'question_versions',
      'questions',
      'lessons',
      'courses',
    ]) {
      await qr.dropTable(t);
    }
  }
}
