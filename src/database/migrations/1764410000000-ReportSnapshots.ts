import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { isPostgres, refColumn, timestampColumn } from '../migration-helpers';
import type { ReportInput } from '../report-inputs';

/**
 * Snapshots of the competency dashboard (docs/reports.md "Snapshots"). `report_generation` is one
 * counter that every committed change to a table the dashboard reads moves on, by a trigger in the
 * same transaction, so a snapshot tagged with the counter it was computed under is exact while the
 * counter is unchanged. SQLite: a row trigger per table and operation. PostgreSQL: a deferred
 * constraint trigger that bumps once per transaction at commit (the counter's row lock is held only
 * for the commit, so concurrent writers do not queue behind it for their whole transaction).
 *
 * A later migration that rebuilds one of these tables on SQLite (TypeORM's changeColumn copies the
 * table) drops its triggers: recreate them with createReportTriggers. A table added to REPORT_INPUTS
 * needs a new migration that calls createReportTriggers for it: test/report-snapshots compares
 * REPORT_INPUTS with the triggers the migrations created.
 */
/**
 * REPORT_INPUTS as of this migration, frozen: a migration that already ran never runs again, so
 * reading the live list here would give a fresh database triggers that deployed ones never get.
 */
const INPUTS_1764410000000: readonly ReportInput[] = [
  { table: 'users', columns: ['role', 'unitId', 'disabled'] },
  { table: 'units' },
  { table: 'capability_scores' },
  { table: 'content_citations' },
  { table: 'courses' },
  { table: 'assignments' },
  { table: 'assignment_targets' },
  { table: 'course_completions' },
  { table: 'credit_entries' },
  {
    table: 'quiz_attempts',
    columns: ['state', 'score', 'passed', 'finishedAt', 'results', 'userId', 'quizId'],
  },
  { table: 'training_sessions' },
  { table: 'session_enrolments' },
  { table: 'indicator_imports' },
  { table: 'indicator_targets' },
  { table: 'indicator_periods' },
];

/** Frozen too: report-inputs' reportTriggerName may change; the triggers created here keep this name. */
const triggerName = (table: string): string => `trg_report_gen_${table}`;

export class ReportSnapshots1764410000000 implements MigrationInterface {
  name = 'ReportSnapshots1764410000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'report_generation',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'value', type: 'bigint', default: 0 },
          // PostgreSQL: the transaction that last bumped, so a transaction bumps once however many rows it writes.
          { name: 'txid', type: 'bigint', isNullable: true },
        ],
      }),
    );
    await qr.query(`INSERT INTO report_generation ("id", "value") VALUES (1, 0)`);
    await qr.createTable(
      new Table({
        name: 'report_snapshots',
        columns: [
          { ...refColumn('unitId'), isPrimary: true },
          { name: 'period', type: 'varchar', length: '10', isPrimary: true },
          { name: 'generation', type: 'bigint' },
          // Bureau (Beijing) day of the computation: overdue and on-time counts move at the end of a day.
          { name: 'day', type: 'varchar', length: '10' },
          timestampColumn(qr, 'computedAt'),
          timestampColumn(qr, 'viewedAt'),
          { name: 'payload', type: 'text' },
        ],
      }),
    );
    await createReportTriggers(qr, INPUTS_1764410000000);
  }

  async down(qr: QueryRunner): Promise<void> {
    await dropReportTriggers(qr, INPUTS_1764410000000);
    await qr.dropTable('report_snapshots');
    await qr.dropTable('report_generation');
  }
}

/** Triggers for the given tables; a migration passes its own fixed list, never the live REPORT_INPUTS. */
export async function createReportTriggers(qr: QueryRunner, tables: readonly ReportInput[]): Promise<void> {
  if (isPostgres(qr)) {
    await qr.query(
      `CREATE OR REPLACE FUNCTION report_generation_bump() RETURNS trigger AS $$ BEGIN` +
        ` UPDATE report_generation SET "value" = "value" + 1, "txid" = txid_current() WHERE "id" = 1 AND "txid" IS DISTINCT FROM txid_current();` +
        ` RETURN NULL; END $$ LANGUAGE plpgsql`,
    );
  }
  for (const input of tables) {
    const updateOf = input.columns ? ` OF ${input.columns.map((c) => `"${c}"`).join(', ')}` : '';
    if (isPostgres(qr)) {
      await qr.query(
        `CREATE CONSTRAINT TRIGGER ${triggerName(input.table)} AFTER INSERT OR UPDATE${updateOf} OR DELETE ON ${input.table}` +
          ` DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION report_generation_bump()`,
      );
      continue;
    }
    for (const op of ['INSERT', `UPDATE${updateOf}`, 'DELETE']) {
      const name = `${triggerName(input.table)}_${op.slice(0, 3).toLowerCase()}`;
      await qr.query(
        `CREATE TRIGGER ${name} AFTER ${op} ON ${input.table} BEGIN UPDATE report_generation SET "value" = "value" + 1 WHERE "id" = 1; END`,
      );
    }
  }
}

export async function dropReportTriggers(qr: QueryRunner, tables: readonly ReportInput[]): Promise<void> {
  for (const input of tables) {
    if (isPostgres(qr)) {
      await qr.query(`DROP TRIGGER IF EXISTS ${triggerName(input.table)} ON ${input.table}`);
    } else {
      for (const op of ['ins', 'upd', 'del']) {
        await qr.query(`DROP TRIGGER IF EXISTS ${triggerName(input.table)}_${op}`);
      }
    }
  }
  if (isPostgres(qr)) await qr.query(`DROP FUNCTION IF EXISTS report_generation_bump()`);
}
