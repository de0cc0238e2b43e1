import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { idColumn, isPostgres, refColumn, timestampColumn } from '../migration-helpers';
import { createReportTriggers } from './1764410000000-ReportSnapshots';

/**
 * Unit-membership history (issue 18: the officers of a unit for a period). Backfill: one open row per
 * active user from the later of their own and their unit's createdAt (nothing older is known); a
 * disabled user gets one closed row up to their last update (when they were most likely disabled).
 */
export class UnitMemberships1764450000000 implements MigrationInterface {
  name = 'UnitMemberships1764450000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'unit_memberships',
        columns: [
          idColumn(qr),
          refColumn('userId'),
          refColumn('unitId'),
          { name: 'role', type: 'varchar', length: '20' },
          timestampColumn(qr, 'validFrom'),
          timestampColumn(qr, 'validTo', true),
        ],
      }),
    );
    await qr.createIndex(
      'unit_memberships',
      new TableIndex({ name: 'idx_unit_memberships_user', columnNames: ['userId', 'validFrom'] }),
    );
    await qr.createIndex(
      'unit_memberships',
      new TableIndex({ name: 'idx_unit_memberships_unit', columnNames: ['unitId', 'validFrom'] }),
    );
    const newId = isPostgres(qr) ? 'gen_random_uuid()' : 'lower(hex(randomblob(16)))';
    const from = `CASE WHEN un."createdAt" > u."createdAt" THEN un."createdAt" ELSE u."createdAt" END`;
    const to = `CASE WHEN u."disabled" = ${isPostgres(qr) ? 'true' : '1'} THEN u."updatedAt" END`;
    await qr.query(
      `INSERT INTO unit_memberships ("id", "userId", "unitId", "role", "validFrom", "validTo")` +
        ` SELECT ${newId}, u."id", u."unitId", u."role", ${from}, ${to} FROM users u JOIN units un ON un."id" = u."unitId"`,
    );
    await createReportTriggers(qr, [{ table: 'unit_memberships' }]);
  }

  async down(qr: QueryRunner): Promise<void> {
    if (isPostgres(qr)) {
      await qr.query(`DROP TRIGGER IF EXISTS trg_report_gen_unit_memberships ON unit_memberships`);
    } else {
      for (const op of ['ins', 'upd', 'del']) {
        await qr.query(`DROP TRIGGER IF EXISTS trg_report_gen_unit_memberships_${op}`);
      }
    }
    await qr.dropTable('unit_memberships');
  }
}
