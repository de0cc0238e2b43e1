import './utils/scoring-fast.env';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { AppConfig } from '../src/config/app-config';
import { REPORT_INPUTS, reportTriggerName } from '../src/database/report-inputs';
import { CapabilityService } from '../src/scoring/capability.service';
import { OutboxRelayService } from '../src/scoring/outbox-relay.service';
import { ReportSnapshotService, type SnapshotComputer } from '../src/reports/report-snapshot.service';
import { TEST_PASSWORD } from './factories/organisation.factory';
import { createReportFixture, insertRow } from './factories/report-fixture';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';
import { eventually } from './utils/queues';

type Dashboard = Record<string, unknown> & { asOf: { computedAt: string; current: boolean } };

/**
 * The dashboard's snapshots (docs/reports.md "Snapshots"): after every kind of change to what the
 * dashboard reads, the dashboard served equals one computed from nothing, and differs from before
 * the change (so the case could fail); changes that cannot move a number keep the snapshot.
 */
describe('competency dashboard snapshots', () => {
  let t: TestApp;
  let fx: Awaited<ReturnType<typeof createReportFixture>>;
  let token: string;
  let pg: boolean;
  const bool = (v: boolean) => (pg ? String(v) : v ? '1' : '0');
  const exec = (sql: string) => t.dataSource.query(sql);
  const root = () => fx.org.units.bureau.id;
  const get = async (): Promise<Dashboard> => {
    const res = await request(t.http)
      .get(`/api/reports/competency?unitId=${root()}&period=2025`)
      .set({ Authorization: `Bearer ${token}` });
    expect(res.status).toBe(200);
    return res.body as Dashboard;
  };
  const numbers = ({ asOf: _asOf, ...rest }: Dashboard) => rest;
  /** What the snapshot holds (the officer list and the trend are read live on every request). */
  const stored = (d: Dashboard) => ({
    tiles: d.tiles,
    indicators: d.indicators,
    ranking: d.ranking,
    heatMap: d.heatMap,
  });
  const generation = async () =>
    Number((await exec(`SELECT "value" FROM report_generation WHERE "id" = 1`))[0].value);
  /** The dashboard computed from nothing: no stored snapshot. */
  const live = async () => {
    await exec(`DELETE FROM report_snapshots`);
    return get();
  };

  beforeAll(async () => {
    t = await createTestApp();
    t.app.get(OutboxRelayService).pause(); // facts are written directly
    pg = t.dataSource.options.type === 'postgres';
    fx = await createReportFixture(t.dataSource);
    token = await apiLogin(t.http, 'admin', TEST_PASSWORD);
  });
  afterAll(() => t.close());

  it('the triggers the migrations created are exactly those REPORT_INPUTS asks for (a table added there needs a migration)', async () => {
    // Read back from the catalogue: each trigger's table and the columns its UPDATE OF lists (null: every column).
    type Found = { name: string; table: string; columns: string | null };
    const sorted = (columns: string[] | undefined) =>
      columns
        ? columns
            .map((c) => c.trim().replace(/"/g, ''))
            .sort()
            .join(',')
        : null;
    const rows: Array<{ name: string; table: string; columns: string | null }> = pg
      ? await exec(
          `SELECT t.tgname AS "name", c.relname AS "table",` +
            ` (SELECT string_agg(a.attname, ',') FROM pg_attribute a WHERE a.attrelid = t.tgrelid AND a.attnum = ANY (t.tgattr::int2[])) AS "columns"` +
            ` FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal AND t.tgname LIKE 'trg\\_report\\_gen\\_%'`,
        )
      : (
          await exec(
            `SELECT name, tbl_name AS "table", sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'trg\\_report\\_gen\\_%' ESCAPE '\\'`,
          )
        ).map((r: { name: string; table: string; sql: string }) => ({
          name: r.name,
          table: r.table,
          columns: /AFTER UPDATE OF (.+?) ON /.exec(r.sql)?.[1] ?? null,
        }));
    const found: Found[] = rows.map((r) => ({ ...r, columns: sorted(r.columns?.split(',')) }));
    const expected: Found[] = REPORT_INPUTS.flatMap(({ table, columns }) =>
      pg
        ? [{ name: reportTriggerName(table), table, columns: sorted(columns) }]
        : ['ins', 'upd', 'del'].map((op) => ({
            name: `${reportTriggerName(table)}_${op}`,
            table,
            columns: op === 'upd' ? sorted(columns) : null,
          })),
    );
    const byName = (a: Found, b: Found) => a.name.localeCompare(b.name);
    expect(found.sort(byName)).toEqual(expected.sort(byName));
  });

  it('a second read is served from the snapshot, identical and current', async () => {
    const first = await get();
    const second = await get();
    expect(second.asOf).toEqual({ computedAt: first.asOf.computedAt, current: true });
    expect(numbers(second)).toEqual(numbers(first));
  });

  const changes: Array<[string, () => Promise<unknown>]> = [
    [
      'an officer moved to another unit',
      () =>
        exec(
          `UPDATE users SET "unitId" = '${fx.org.units.streetB.id}' WHERE "id" = '${fx.org.users.officerA2.id}'`,
        ),
    ],
    [
      // Disabled in mid-2025 (users.disabled and the membership row closed then): a disable today
      // leaves 2025 as it was, since the officers of a period are its members at the period's end.
      'an officer disabled',
      async () => {
        await exec(`UPDATE users SET "disabled" = ${bool(true)} WHERE "id" = '${fx.org.users.officerA.id}'`);
        await exec(
          `UPDATE unit_memberships SET "validTo" = '2025-06-01 00:00:00.000' WHERE "userId" = '${fx.org.users.officerA.id}'`,
        );
      },
    ],
    [
      'a unit renamed',
      () => exec(`UPDATE units SET "name" = '乙街道（更名）' WHERE "id" = '${fx.org.units.streetB.id}'`),
    ],
    [
      'evidence regraded and the officer rescored by the scoring job',
      async () => {
        await exec(`UPDATE scoring_evidence SET "credit" = 0 WHERE "userId" = '${fx.org.users.officerB.id}'`);
        await t.app.get(CapabilityService).scoreOfficer(fx.org.users.officerB.id);
      },
    ],
    [
      'citations re-imported',
      () => exec(`UPDATE content_citations SET "articleNo" = 31 WHERE "itemId" = '${fx.questions.q30}'`),
    ],
    [
      'an assignment created (due in the period)',
      async () => {
        const id = randomUUID();
        await insertRow(t.dataSource, 'assignments', {
          id,
          courseId: fx.course.id,
          dueAt: new Date('2025-09-01T00:00:00Z'),
          createdById: fx.org.users.trainer.id,
          createdAt: new Date('2025-08-01T00:00:00Z'),
          note: null,
        });
        await insertRow(t.dataSource, 'assignment_targets', {
          id: randomUUID(),
          assignmentId: id,
          kind: 'user',
          unitId: null,
          includeSubtree: false,
          role: null,
          userId: fx.org.users.officerB.id,
        });
      },
    ],
    [
      'a bureau indicator imported',
      () =>
        insertRow(t.dataSource, 'indicator_imports', {
          unitId: fx.org.units.bureau.id,
          period: '2025',
          code: 'SATISFACTION',
          value: 97.5,
          importedAt: new Date(),
        }),
    ],
    [
      'an indicator target changed',
      () =>
        insertRow(t.dataSource, 'indicator_targets', {
          code: 'CAPABILITY_AVG',
          target: 60,
          updatedById: null,
          updatedAt: new Date(),
        }),
    ],
    [
      'a quiz attempt finished',
      () =>
        insertRow(t.dataSource, 'quiz_attempts', {
          id: randomUUID(),
          quizId: fx.quiz.id,
          userId: fx.org.users.officerB.id,
          number: 1,
          state: 'finished',
          openSlot: null,
          startedAt: new Date('2025-08-01T02:00:00Z'),
          deadlineAt: new Date('2025-08-01T03:00:00Z'),
          finishedAt: new Date('2025-08-01T02:30:00Z'),
          closedBy: 'submit',
          paper: '[]',
          answers: '{}',
          savedAt: null,
          score: 90,
          passed: true,
          results: '[]',
        }),
    ],
    [
      'an attendance corrected',
      () =>
        exec(
          `UPDATE session_enrolments SET "attendance" = 'present' WHERE "userId" = '${fx.org.users.officerB.id}'`,
        ),
    ],
    [
      '学时 credited',
      () =>
        insertRow(t.dataSource, 'credit_entries', {
          id: randomUUID(),
          userId: fx.org.users.officerB.id,
          sourceType: 'course',
          sourceId: randomUUID(),
          hours: 4,
          earnedAt: new Date('2025-10-01T02:00:00Z'),
        }),
    ],
  ];

  it.each(changes)(
    'after %s the dashboard served equals one computed from nothing',
    async (_name, change) => {
      const before = await get();
      await change();
      const served = await get();
      expect(served.asOf.current).toBe(true);
      expect(numbers(served)).not.toEqual(numbers(before));
      expect(numbers(served)).toEqual(numbers(await live()));
    },
  );

  it('a sign-in and a quiz autosave leave the snapshot in place', async () => {
    const before = await get();
    const gen = await generation();
    await apiLogin(t.http, 'officer_b', TEST_PASSWORD);
    await exec(
      `UPDATE quiz_attempts SET "answers" = '{"x":1}' WHERE "userId" = '${fx.org.users.officerB.id}'`,
    );
    expect(await generation()).toBe(gen);
    expect((await get()).asOf.computedAt).toBe(before.asOf.computedAt);
  });

  it('on PostgreSQL a transaction moves the generation on once, however many rows it writes', async () => {
    if (!pg) return;
    const gen = await generation();
    await t.dataSource.transaction(async (em) => {
      for (let i = 0; i < 3; i++) {
        await em.query(
          `INSERT INTO credit_entries ("id", "userId", "sourceType", "sourceId", "hours", "earnedAt") VALUES ($1, $2, 'course', $3, 1, now())`,
          [randomUUID(), fx.org.users.officerB.id, randomUUID()],
        );
      }
    });
    expect(await generation()).toBe(gen + 1);
  });

  it('a snapshot from an earlier bureau day is computed again (overdue moves at the end of a day)', async () => {
    await get();
    await exec(`UPDATE report_snapshots SET "day" = '2000-01-01'`);
    await get();
    const [row] = await exec(`SELECT "day" FROM report_snapshots WHERE "unitId" = '${root()}'`);
    expect(row.day).not.toBe('2000-01-01');
  });

  it('requests waiting on a missing snapshot share one computation', async () => {
    const snapshots = t.app.get(ReportSnapshotService);
    const computer = (snapshots as unknown as { computer: SnapshotComputer }).computer;
    let computed = 0;
    const managers: unknown[] = [];
    snapshots.use((...args) => {
      computed++;
      managers.push(args[2].connection);
      return computer(...args);
    });
    try {
      await exec(`DELETE FROM report_snapshots`);
      const all = await Promise.all(Array.from({ length: 5 }, () => get()));
      expect(computed).toBe(1);
      // On SQLite (sqlite3 driver) a second connection computes, so requests never wait behind it on the app's one.
      if (!pg) expect(managers[0]).not.toBe(t.dataSource);
      expect(new Set(all.map((d) => JSON.stringify(numbers(d)))).size).toBe(1);
    } finally {
      snapshots.use(computer);
    }
  });

  it('within REPORT_STALE_SECONDS an out-of-date snapshot is served, marked, and refreshed in the background; the sweep refreshes viewed ones', async () => {
    const config = t.app.get(AppConfig);
    const original = config.get.bind(config);
    const spy = jest
      .spyOn(config, 'get')
      .mockImplementation(((key: string) =>
        key === 'REPORT_STALE_SECONDS' ? 600 : original(key as never)) as typeof config.get);
    try {
      const before = await get();
      await insertRow(t.dataSource, 'credit_entries', {
        id: randomUUID(),
        userId: fx.org.users.officerB.id,
        sourceType: 'course',
        sourceId: randomUUID(),
        hours: 5,
        earnedAt: new Date('2025-11-01T02:00:00Z'),
      });
      const stale = await get();
      expect(stale.asOf).toEqual({ computedAt: before.asOf.computedAt, current: false });
      expect(stored(stale)).toEqual(stored(before));
      const refreshed = await eventually(async () => {
        const d = await get();
        return d.asOf.current ? d : null;
      });
      expect(numbers(refreshed)).toEqual(numbers(await live()));

      await get(); // viewed
      await exec(`UPDATE units SET "name" = '区住建局（更名）' WHERE "id" = '${fx.org.units.dept.id}'`);
      expect(await t.app.get(ReportSnapshotService).sweep()).toBe(1);
      const afterSweep = await get();
      expect(afterSweep.asOf.current).toBe(true);
      expect(JSON.stringify(afterSweep.ranking)).toContain('区住建局（更名）');
    } finally {
      spy.mockRestore();
    }
  });

  it('the sweep drops snapshots nobody opened for a week and those of a unit deleted since', async () => {
    await get();
    const old = new Date(Date.now() - 8 * 86_400_000);
    const gone = randomUUID();
    await insertRow(t.dataSource, 'report_snapshots', {
      unitId: gone,
      period: '2025',
      generation: 0,
      day: '2000-01-01',
      computedAt: new Date(),
      viewedAt: new Date(),
      payload: '{}',
    });
    await insertRow(t.dataSource, 'report_snapshots', {
      unitId: fx.org.units.streetA.id,
      period: '2025',
      generation: 0,
      day: '2000-01-01',
      computedAt: old,
      viewedAt: old,
      payload: '{}',
    });
    await t.app.get(ReportSnapshotService).sweep();
    const rows: Array<{ unitId: string }> = await exec(`SELECT "unitId" FROM report_snapshots`);
    expect(rows.map((r) => r.unitId)).toEqual([root()]);
  });
});
