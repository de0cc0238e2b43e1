import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import {
  boolColumn,
  createdAtColumn,
  idColumn,
  jsonColumn,
  refColumn,
  timestampColumn,
} from '../migration-helpers';

/**
 * Learning: lesson progress, assignments (targets only; membership is computed by SQL), course
 * completions, the 学时 ledger, certificates and the outbox that carries events to the queue.
 */
export class Learning1764230600000 implements MigrationInterface {
  name = 'Learning1764230600000';

  async up(qr: QueryRunner): Promise<void> {
    const slug = (name: string) => ({ name, type: 'varchar', length: '64' });
    const fk = (column: string, table: string, onDelete?: string) =>
      new TableForeignKey({
        columnNames: [column],
        referencedTableName: table,
        referencedColumnNames: ['id'],
        onDelete,
      });

    await qr.createTable(
      new Table({
        name: 'lesson_progress',
        columns: [
          { ...refColumn('userId'), isPrimary: true },
          { ...slug('lessonId'), isPrimary: true },
          timestampColumn(qr, 'completedAt'),
        ],
        foreignKeys: [fk('userId', 'users', 'CASCADE'), fk('lessonId', 'lessons')],
        indices: [new TableIndex({ name: 'idx_lesson_progress_lesson', columnNames: ['lessonId'] })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'assignments',
        columns: [
          idColumn(qr),
          slug('courseId'),
          timestampColumn(qr, 'dueAt'),
          refColumn('createdById'),
          createdAtColumn(qr),
          { name: 'note', type: 'varchar', length: '500', isNullable: true },
        ],
        foreignKeys: [fk('courseId', 'courses'), fk('createdById', 'users')],
        indices: [
          new TableIndex({ name: 'idx_assignments_created', columnNames: ['createdAt'] }),
          new TableIndex({ name: 'idx_assignments_course', columnNames: ['courseId'] }),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'assignment_targets',
        columns: [
          idColumn(qr),
          refColumn('assignmentId'),
          { name: 'kind', type: 'varchar', length: '10' },
          refColumn('unitId', true),
          boolColumn('includeSubtree', true),
          { name: 'role', type: 'varchar', length: '20', isNullable: true },
          refColumn('userId', true),
        ],
        foreignKeys: [
          fk('assignmentId', 'assignments', 'CASCADE'),
          fk('unitId', 'units'),
          fk('userId', 'users'),
        ],
        indices: [
          new TableIndex({
            name: 'idx_assignment_targets_assignment',
            columnNames: ['assignmentId', 'kind'],
          }),
          new TableIndex({ name: 'idx_assignment_targets_unit', columnNames: ['kind', 'unitId'] }),
          new TableIndex({ name: 'idx_assignment_targets_role', columnNames: ['kind', 'role'] }),
          new TableIndex({ name: 'idx_assignment_targets_user', columnNames: ['userId'] }),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'course_completions',
        columns: [
          idColumn(qr),
          refColumn('userId'),
          slug('courseId'),
          timestampColumn(qr, 'completedAt'),
          timestampColumn(qr, 'expiresAt', true),
          { name: 'creditHours', type: 'real' },
        ],
        foreignKeys: [fk('userId', 'users', 'CASCADE'), fk('courseId', 'courses')],
        indices: [
          new TableIndex({
            name: 'idx_course_completions_user_course',
            columnNames: ['userId', 'courseId', 'completedAt'],
          }),
          new TableIndex({ name: 'idx_course_completions_course', columnNames: ['courseId', 'expiresAt'] }),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'credit_entries',
        columns: [
          idColumn(qr),
          refColumn('userId'),
          { name: 'sourceType', type: 'varchar', length: '10' },
          { name: 'sourceId', type: 'varchar', length: '64' },
          { name: 'hours', type: 'real' },
          timestampColumn(qr, 'earnedAt'),
        ],
        foreignKeys: [fk('userId', 'users', 'CASCADE')],
        indices: [
          new TableIndex({
            name: 'uq_credit_entries_source',
            columnNames: ['userId', 'sourceType', 'sourceId'],
            isUnique: true,
          }),
          new TableIndex({ name: 'idx_credit_entries_user_earned', columnNames: ['userId', 'earnedAt'] }),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'certificates',
        columns: [
          idColumn(qr),
          { name: 'code', type: 'varchar', length: '16' },
          refColumn('userId'),
          slug('courseId'),
          refColumn('completionId'),
          timestampColumn(qr, 'issuedAt'),
          timestampColumn(qr, 'expiresAt', true),
        ],
        foreignKeys: [
          fk('userId', 'users', 'CASCADE'),
          fk('courseId', 'courses'),
          fk('completionId', 'course_completions', 'CASCADE'),
        ],
        indices: [
          new TableIndex({ name: 'uq_certificates_code', columnNames: ['code'], isUnique: true }),
          new TableIndex({
            name: 'uq_certificates_completion',
            columnNames: ['completionId'],
            isUnique: true,
          }),
          new TableIndex({ name: 'idx_certificates_user', columnNames: ['userId', 'issuedAt'] }),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'outbox_events',
        columns: [
          idColumn(qr),
          { name: 'type', type: 'varchar', length: '64' },
          jsonColumn('payload'),
          createdAtColumn(qr),
          timestampColumn(qr, 'publishedAt', true),
          { name: 'attempts', type: 'integer', default: 0 },
        ],
        indices: [
          new TableIndex({ name: 'idx_outbox_events_pending', columnNames: ['publishedAt', 'createdAt'] }),
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    const tables = [
      'outbox_events',
      'certificates',
      'credit_entries',
      'course_completions',
      'assignment_targets',
      'assignments',
      'lesson_progress',
    ];
    for (const table of tables) await qr.dropTable(table);
  }
}
