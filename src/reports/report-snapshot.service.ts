import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions, EntityManager } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { bureauDay } from '../common/time/bureau-time';
import { rawRows, toDate, toNumber } from '../database/sql/raw-sql';
import { AppConfig } from '../config/app-config';
import { TransactionRunner } from '../database/transaction-runner';
import { dialectOf } from '../scoring/sql-dialect';

/** When a snapshot was computed, and whether nothing it reads has changed since. */
export interface AsOf {
  computedAt: string;
  current: boolean;
}

interface StoredSnapshot {
  generation: number;
  day: string;
  computedAt: Date;
  viewedAt: Date;
  payload: string;
}

/** Computes what a snapshot holds for (unitId, period), reading through `em`. */
export type SnapshotComputer = (unitId: string, period: string, em: EntityManager) => Promise<unknown>;

const VIEW_TOUCH_MS = 3_600_000;
const KEEP_WARM_MS = 7 * 86_400_000;

/**
 * Stores the expensive parts of the competency dashboard per (unit subtree, period) and serves them
 * while they are exact (docs/reports.md "Snapshots"):
 * - current: computed under the present `report_generation` (no report input changed since, by the
 *   triggers of migration ReportSnapshots) on the same bureau day → served as is;
 * - out of date but younger than REPORT_STALE_SECONDS → served with `current: false` while one
 *   refresh runs in the background (a busy exam day moves the counter every second);
 * - otherwise (or missing) → computed on read, once for all requests waiting on the same key.
 * Every REPORT_REFRESH_SECONDS the snapshots viewed in the last 7 days that are out of date are
 * recomputed one at a time, so the first view after the nightly scoring run is already warm.
 */
@Injectable()
export class ReportSnapshotService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ReportSnapshotService.name);
  private readonly inFlight = new Map<string, Promise<{ payload: string; computedAt: Date }>>();
  private computer: SnapshotComputer | null = null;
  private reader: Promise<DataSource> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private sweeping = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.get('REPORT_REFRESH_SECONDS');
    if (seconds > 0) this.timer = setInterval(() => void this.sweep(), seconds * 1000).unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    const reader = await this.reader?.catch(() => null);
    if (reader?.isInitialized) await reader.destroy();
  }

  /**
   * Where snapshots are computed. On SQLite with the sqlite3 driver and a file: a second connection
   * (WAL lets it read beside the writer), so a computation of a second or more never holds the
   * connection every request and write shares. better-sqlite3 runs statements on the main thread, so
   * there a computation blocks the process for its duration (docs/reports.md); PostgreSQL has its pool.
   */
  private async computeManager(): Promise<EntityManager> {
    const o = this.dataSource.options;
    if (o.type !== 'sqlite' || o.database === ':memory:') return this.dataSource.manager;
    // WAL is a property of the file, set by the app's connection: the reader need not ask for it again.
    // Not beside better-sqlite3: two copies of the SQLite library in one process must not open the same
    // file (POSIX locks are per process, so one copy closing a descriptor drops the other's locks).
    this.reader ??= new DataSource({
      type: 'sqlite',
      name: 'report-snapshots',
      database: o.database,
      busyTimeout: 5000,
      busyErrorRetry: 50,
      logging: o.logging,
      logger: o.logger, // the app's (failed statements in the JSON logs, without their parameters)
      entities: this.dataSource.entityMetadatas.map((m) => m.target) as DataSourceOptions['entities'],
    } as DataSourceOptions).initialize();
    try {
      return (await this.reader).manager;
    } catch (error) {
      // Not kept: the next computation tries again; this one runs on the app's connection.
      this.reader = null;
      this.logger.warn(
        `report snapshots: second SQLite connection not opened, computing on the app's connection: ${String(error)}`,
      );
      return this.dataSource.manager;
    }
  }

  /** What a snapshot holds for (unitId, period): set once by the report service. */
  use(computer: SnapshotComputer): void {
    this.computer = computer;
  }

  /** The counter every committed change to a report input moves on. */
  async generation(): Promise<number> {
    const [row] = await rawRows<{ value: unknown }>(
      this.dataSource.manager,
      `SELECT "value" FROM report_generation WHERE "id" = 1`,
      {},
    );
    return toNumber(row?.value);
  }

  /** The payload for (unitId, period): stored when exact (or recent, see above), else computed now. */
  async read<T>(unitId: string, period: string, now = new Date()): Promise<{ payload: T; asOf: AsOf }> {
    const key = `${unitId}|${period}`;
    const [generation, stored] = [await this.generation(), await this.stored(unitId, period)];
    if (stored && stored.day === bureauDay(now)) {
      const current = stored.generation === generation;
      const ageMs = now.getTime() - stored.computedAt.getTime();
      if (current || ageMs < this.config.get('REPORT_STALE_SECONDS') * 1000) {
        if (!current) {
          void this.refresh(key, unitId, period).catch((e: unknown) =>
            this.logger.warn(`report snapshot ${key} not refreshed: ${String(e)}`),
          );
        }
        if (now.getTime() - stored.viewedAt.getTime() > VIEW_TOUCH_MS) {
          void this.touch(unitId, period, now).catch(() => undefined);
        }
        return {
          payload: JSON.parse(stored.payload) as T,
          asOf: { computedAt: stored.computedAt.toISOString(), current },
        };
      }
    }
    const fresh = await this.refresh(key, unitId, period);
    return {
      payload: JSON.parse(fresh.payload) as T,
      asOf: { computedAt: fresh.computedAt.toISOString(), current: true },
    };
  }

  /** Computes and stores one snapshot; requests for the same key share the computation. */
  private refresh(
    key: string,
    unitId: string,
    period: string,
  ): Promise<{ payload: string; computedAt: Date }> {
    const running = this.inFlight.get(key);
    if (running) return running;
    const compute = this.computer;
    if (!compute) return Promise.reject(new Error('report snapshots: no computation registered'));
    const work = (async () => {
      // Read before computing: a change committed meanwhile leaves the snapshot tagged with the older value.
      const generation = await this.generation();
      const computedAt = new Date();
      const payload = JSON.stringify(await this.computeWith(compute, unitId, period));
      await this.store(unitId, period, generation, computedAt, payload);
      return { payload, computedAt };
    })().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, work);
    return work;
  }

  /** On the second connection; a database error there (not a 404) is retried once on the app's connection. */
  private async computeWith(compute: SnapshotComputer, unitId: string, period: string): Promise<unknown> {
    const em = await this.computeManager();
    try {
      return await compute(unitId, period, em);
    } catch (error) {
      if (em === this.dataSource.manager || error instanceof AppError) throw error;
      this.logger.warn(
        `report snapshot ${unitId}|${period}: the second connection failed, computing on the app's connection: ${String(error)}`,
      );
      return compute(unitId, period, this.dataSource.manager);
    }
  }

  private async stored(unitId: string, period: string): Promise<StoredSnapshot | null> {
    const [row] = await rawRows<Record<string, unknown>>(
      this.dataSource.manager,
      `SELECT "generation", "day", "computedAt", "viewedAt", "payload" FROM report_snapshots WHERE "unitId" = :unitId AND "period" = :period`,
      { unitId, period },
    );
    if (!row) return null;
    return {
      generation: toNumber(row.generation),
      day: String(row.day),
      computedAt: toDate(row.computedAt)!,
      viewedAt: toDate(row.viewedAt)!,
      payload: String(row.payload),
    };
  }

  private async store(
    unitId: string,
    period: string,
    generation: number,
    computedAt: Date,
    payload: string,
  ): Promise<void> {
    await this.tx.run(async (em) => {
      const d = dialectOf(em);
      await rawRows(
        em,
        `INSERT INTO report_snapshots ("unitId", "period", "generation", "day", "computedAt", "viewedAt", "payload")` +
          ` VALUES (:unitId, :period, :generation, :day, ${d.tsParam('computedAt')}, ${d.tsParam('viewedAt')}, :payload)` +
          ` ON CONFLICT ("unitId", "period") DO UPDATE SET "generation" = excluded."generation", "day" = excluded."day",` +
          ` "computedAt" = excluded."computedAt", "viewedAt" = excluded."viewedAt", "payload" = excluded."payload"`,
        {
          unitId,
          period,
          generation,
          day: bureauDay(computedAt),
          computedAt: d.time(computedAt),
          viewedAt: d.time(new Date()),
          payload,
        },
      );
    });
  }

  private async touch(unitId: string, period: string, now: Date): Promise<void> {
    await this.tx.run(async (em) => {
      const d = dialectOf(em);
      await rawRows(
        em,
        `UPDATE report_snapshots SET "viewedAt" = ${d.tsParam('now')} WHERE "unitId" = :unitId AND "period" = :period`,
        { unitId, period, now: d.time(now) },
      );
    });
  }

  /** Recomputes, one at a time, the out-of-date snapshots viewed lately. */
  async sweep(now = new Date()): Promise<number> {
    if (this.sweeping) return 0;
    this.sweeping = true;
    let refreshed = 0;
    try {
      const d = dialectOf(this.dataSource.manager);
      const since = d.time(new Date(now.getTime() - KEEP_WARM_MS));
      // Snapshots nobody opened for a week are dropped (the next view computes one): the table stays small.
      await this.tx.run((em) =>
        rawRows(em, `DELETE FROM report_snapshots WHERE "viewedAt" < ${d.tsParam('since')}`, { since }),
      );
      const generation = await this.generation();
      const rows = await rawRows<{ unitId: string; period: string; generation: unknown; day: string }>(
        this.dataSource.manager,
        `SELECT "unitId", "period", "generation", "day" FROM report_snapshots ORDER BY "viewedAt" DESC`,
        {},
      );
      for (const r of rows) {
        const key = `${r.unitId}|${r.period}`;
        if (toNumber(r.generation) === generation && r.day === bureauDay(now)) continue;
        try {
          await this.refresh(key, r.unitId, r.period);
          refreshed++;
        } catch (error) {
          // A unit deleted since: its snapshot goes; anything else is retried at the next sweep.
          if (error instanceof AppError && error.code === 'UNIT.NOT_FOUND') {
            await this.tx.run((em) =>
              rawRows(em, `DELETE FROM report_snapshots WHERE "unitId" = :unitId`, { unitId: r.unitId }),
            );
          } else this.logger.warn(`report snapshot ${key} not refreshed: ${String(error)}`);
        }
      }
    } catch (error) {
      this.logger.warn(`report snapshots not refreshed: ${String(error)}`);
    } finally {
      this.sweeping = false;
    }
    return refreshed;
  }
}
