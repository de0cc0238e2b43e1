import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import {
  boolColumn,
  createdAtColumn,
  idColumn,
  jsonColumn,
  refColumn,
  timestampColumn,
} from '../migration-helpers';

/**
 * Quizzes (course final quizzes and standalone exams, imported from content/), attempts with their
 * drawn paper, and per-officer overrides. `openSlot` is 1 while an attempt is open and NULL after:
 * the unique (userId, quizId, openSlot) key allows one open attempt per officer and quiz on both
 * databases (NULLs never clash), whatever the timing of parallel starts.
 */
export class Quizzes1764360000000 implements MigrationInterface {
  name = 'Quizzes1764360000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'quizzes',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '10' },
          { name: 'courseId', type: 'varchar', length: '64', isNullable: true },
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'summary', type: 'text' },
          jsonColumn('rules'),
          jsonColumn('audience', true),
          timestampColumn(qr, 'opensAt', true),
          timestampColumn(qr, 'closesAt', true),
          timestampColumn(qr, 'retiredAt', true),
          createdAtColumn(qr, 'updatedAt'),
        ],
        foreignKeys: [
          { columnNames: ['courseId'], referencedTableName: 'courses', referencedColumnNames: ['id'] },
        ],
        indices: [new TableIndex({ name: 'idx_quizzes_course', columnNames: ['courseId'] })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'quiz_attempts',
        columns: [
          idColumn(qr),
          { name: 'quizId', type: 'varchar', length: '64' },
          refColumn('userId'),
          { name: 'number', type: 'integer' },
          { name: 'state', type: 'varchar', length: '10' },
          { name: 'openSlot', type: 'integer', isNullable: true },
          timestampColumn(qr, 'startedAt'),
          timestampColumn(qr, 'deadlineAt'),
          timestampColumn(qr, 'finishedAt', true),
          { name: 'closedBy', type: 'varchar', length: '10', isNullable: true },
          jsonColumn('paper'),
          jsonColumn('answers'),
          timestampColumn(qr, 'savedAt', true),
          { name: 'score', type: 'real', isNullable: true },
          { ...boolColumn('passed', false), isNullable: true, default: undefined },
          jsonColumn('results', true),
        ],
        foreignKeys: [
          { columnNames: ['quizId'], referencedTableName: 'quizzes', referencedColumnNames: ['id'] },
          { columnNames: ['userId'], referencedTableName: 'users', referencedColumnNames: ['id'] },
        ],
        indices: [
          new TableIndex({
            name: 'uq_quiz_attempts_open',
            columnNames: ['userId', 'quizId', 'openSlot'],
            isUnique: true,
          }),
          new TableIndex({
            name: 'uq_quiz_attempts_number',
            columnNames: ['userId', 'quizId', 'number'],
            isUnique: true,
          }),
          new TableIndex({ name: 'idx_quiz_attempts_quiz', columnNames: ['quizId', 'state'] }),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'quiz_overrides',
        columns: [
          { name: 'quizId', type: 'varchar', length: '64', isPrimary: true },
          { name: 'userId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'extraMinutes', type: 'integer', default: 0 },
          { name: 'extraAttempts', type: 'integer', default: 0 },
          refColumn('updatedById', true),
          createdAtColumn(qr, 'updatedAt'),
        ],
        foreignKeys: [
          { columnNames: ['quizId'], referencedTableName: 'quizzes', referencedColumnNames: ['id'] },
          { columnNames: ['userId'], referencedTableName: 'users', referencedColumnNames: ['id'] },
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['quiz_overrides', 'quiz_attempts', 'quizzes']) await qr.dropTable(t);
  }
}
