import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { isPostgres, timestampColumn } from '../migration-helpers';

/**
 * The outbox relay claims a batch before enqueuing it (`claimedBy` / `claimedUntil`: one relay per row
 * however many processes run, and a lease that expires when its process dies), and an event is done only
 * when its job has run (`processedAt`, set by the worker); published rows without it whose job is gone
 * from Redis are queued again (docs/scoring.md "Outbox").
 */
export class OutboxClaims1764420000000 implements MigrationInterface {
  name = 'OutboxClaims1764420000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumns('outbox_events', [
      new TableColumn({ name: 'claimedBy', type: 'varchar', length: '64', isNullable: true }),
      new TableColumn(timestampColumn(qr, 'claimedUntil', true)),
      new TableColumn(timestampColumn(qr, 'processedAt', true)),
    ]);
    // Rows published more than a day ago ran long since; younger ones are checked against Redis once.
    const dayAgo = isPostgres(qr)
      ? `now() - interval '1 day'`
      : `strftime('%Y-%m-%d %H:%M:%f', 'now', '-1 day')`;
    await qr.query(
      `UPDATE outbox_events SET "processedAt" = "publishedAt" WHERE "publishedAt" IS NOT NULL AND "publishedAt" < ${dayAgo}`,
    );
    await qr.createIndex(
      'outbox_events',
      new TableIndex({ name: 'idx_outbox_events_unprocessed', columnNames: ['processedAt', 'publishedAt'] }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropIndex('outbox_events', 'idx_outbox_events_unprocessed');
    await qr.dropColumn('outbox_events', 'processedAt');
    await qr.dropColumn('outbox_events', 'claimedUntil');
    await qr.dropColumn('outbox_events', 'claimedBy');
  }
}
