import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { boolColumn, idColumn, jsonColumn, refColumn, timestampColumn } from '../migration-helpers';

const cascade = (column: string, table: string) => ({
  columnNames: [column],
  referencedTableName: table,
  referencedColumnNames: ['id'],
  onDelete: 'CASCADE',
});

/** Training sessions (培训班, 收听收看, online), venues, enrolment and attendance, excuses, calendar tokens, notices. */
export class TrainingSessions1764370000000 implements MigrationInterface {
  name = 'TrainingSessions1764370000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'training_sessions',
        columns: [
          idColumn(qr),
          { name: 'kind', type: 'varchar', length: '20' },
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'description', type: 'text', isNullable: true },
          timestampColumn(qr, 'startsAt'),
          timestampColumn(qr, 'endsAt'),
          timestampColumn(qr, 'checkInClosesAt'),
          { name: 'checkInOpensMinutes', type: 'integer', default: 30 },
          { name: 'lateGraceMinutes', type: 'integer', default: 10 },
          { name: 'location', type: 'varchar', length: '200', isNullable: true },
          { name: 'streamUrl', type: 'varchar', length: '500', isNullable: true },
          { name: 'noticeNumber', type: 'varchar', length: '100', isNullable: true },
          { name: 'capacity', type: 'integer', isNullable: true },
          { name: 'creditHours', type: 'real', default: 0 },
          { name: 'minPresenceRatio', type: 'real', default: 0.8 },
          { name: 'courseId', type: 'varchar', length: '100', isNullable: true },
          jsonColumn('materials'),
          { name: 'status', type: 'varchar', length: '20' },
          { name: 'sequence', type: 'integer', default: 0 },
          { name: 'codeSecret', type: 'varchar', length: '64' },
          refColumn('createdById'),
          timestampColumn(qr, 'createdAt'),
          timestampColumn(qr, 'updatedAt'),
          timestampColumn(qr, 'closedAt', true),
        ],
        foreignKeys: [
          { columnNames: ['createdById'], referencedTableName: 'users', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await qr.createIndex(
      'training_sessions',
      new TableIndex({ name: 'idx_training_sessions_starts', columnNames: ['startsAt'] }),
    );

    await qr.createTable(
      new Table({
        name: 'session_targets',
        columns: [
          idColumn(qr),
          refColumn('sessionId'),
          refColumn('unitId'),
          boolColumn('includeSubtree', true),
        ],
        foreignKeys: [cascade('sessionId', 'training_sessions'), cascade('unitId', 'units')],
      }),
    );
    await qr.createIndex(
      'session_targets',
      new TableIndex({ name: 'idx_session_targets_session', columnNames: ['sessionId'] }),
    );

    await qr.createTable(
      new Table({
        name: 'session_venues',
        columns: [
          idColumn(qr),
          refColumn('sessionId'),
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'location', type: 'varchar', length: '200', isNullable: true },
          refColumn('unitId', true),
          refColumn('coordinatorId'),
        ],
        foreignKeys: [
          cascade('sessionId', 'training_sessions'),
          { columnNames: ['coordinatorId'], referencedTableName: 'users', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await qr.createIndex(
      'session_venues',
      new TableIndex({ name: 'idx_session_venues_session', columnNames: ['sessionId'] }),
    );

    await qr.createTable(
      new Table({
        name: 'session_enrolments',
        columns: [
          idColumn(qr),
          refColumn('sessionId'),
          refColumn('userId'),
          refColumn('venueId', true),
          { name: 'state', type: 'varchar', length: '20' },
          timestampColumn(qr, 'enrolledAt'),
          { name: 'attendance', type: 'varchar', length: '20', isNullable: true },
          timestampColumn(qr, 'checkedInAt', true),
          { name: 'checkInSlot', type: 'integer', isNullable: true },
          timestampColumn(qr, 'checkedOutAt', true),
          { name: 'presenceMinutes', type: 'integer', isNullable: true },
          { name: 'remark', type: 'varchar', length: '500', isNullable: true },
          refColumn('markedById', true),
          timestampColumn(qr, 'markedAt', true),
          timestampColumn(qr, 'finalisedAt', true),
        ],
        foreignKeys: [cascade('sessionId', 'training_sessions'), cascade('userId', 'users')],
      }),
    );
    await qr.createIndex(
      'session_enrolments',
      new TableIndex({ name: 'uq_session_enrolments', columnNames: ['sessionId', 'userId'], isUnique: true }),
    );
    await qr.createIndex(
      'session_enrolments',
      new TableIndex({ name: 'idx_session_enrolments_user', columnNames: ['userId'] }),
    );

    await qr.createTable(
      new Table({
        name: 'session_excuses',
        columns: [
          idColumn(qr),
          refColumn('sessionId'),
          refColumn('userId'),
          { name: 'reason', type: 'varchar', length: '500' },
          { name: 'state', type: 'varchar', length: '20' },
          timestampColumn(qr, 'requestedAt'),
          refColumn('decidedById', true),
          timestampColumn(qr, 'decidedAt', true),
          { name: 'decisionNote', type: 'varchar', length: '500', isNullable: true },
        ],
        foreignKeys: [cascade('sessionId', 'training_sessions'), cascade('userId', 'users')],
      }),
    );
    await qr.createIndex(
      'session_excuses',
      new TableIndex({ name: 'idx_session_excuses_session', columnNames: ['sessionId', 'userId'] }),
    );

    await qr.createTable(
      new Table({
        name: 'calendar_tokens',
        columns: [
          { name: 'userId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'tokenHash', type: 'varchar', length: '64' },
          timestampColumn(qr, 'createdAt'),
        ],
        foreignKeys: [cascade('userId', 'users')],
      }),
    );
    await qr.createIndex(
      'calendar_tokens',
      new TableIndex({ name: 'uq_calendar_tokens_hash', columnNames: ['tokenHash'], isUnique: true }),
    );

    await qr.createTable(
      new Table({
        name: 'notices',
        columns: [
          idColumn(qr),
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'body', type: 'text' },
          { name: 'noticeNumber', type: 'varchar', length: '100', isNullable: true },
          refColumn('sessionId', true),
          refColumn('createdById'),
          timestampColumn(qr, 'sentAt'),
          timestampColumn(qr, 'lateDeliveryUntil'),
        ],
        foreignKeys: [
          { columnNames: ['createdById'], referencedTableName: 'users', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await qr.createIndex('notices', new TableIndex({ name: 'idx_notices_sent', columnNames: ['sentAt'] }));
    await qr.createTable(
      new Table({
        name: 'notice_targets',
        columns: [
          idColumn(qr),
          refColumn('noticeId'),
          { name: 'kind', type: 'varchar', length: '10' },
          refColumn('unitId', true),
          boolColumn('includeSubtree', true),
          { name: 'role', type: 'varchar', length: '20', isNullable: true },
          refColumn('userId', true),
        ],
        foreignKeys: [cascade('noticeId', 'notices')],
      }),
    );
    await qr.createIndex(
      'notice_targets',
      new TableIndex({ name: 'idx_notice_targets_notice', columnNames: ['noticeId'] }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of [
      'notice_targets',
      'notices',
      'calendar_tokens',
      'session_excuses',
      'session_enrolments',
      'session_venues',
      'session_targets',
      'training_sessions',
    ]) {
      await qr.dropTable(t);
    }
  }
}
