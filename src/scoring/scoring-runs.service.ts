import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { In, MoreThan, Repository } from 'typeorm';
import type { Principal } from '../auth/principal';
import { rawRows, toDate, toNumber } from '../database/sql/raw-sql';
import { AppConfig } from '../config/app-config';
import { TransactionRunner } from '../database/transaction-runner';
import { CapabilityService } from './capability.service';
import { ItemCalibrationService } from './item-calibration.service';
import { ScoringRun } from './entities/scoring-run.entity';
import { currentPeriods } from './indicators/periods';
import {
  JOB,
  QueueUnavailableError,
  ScoringQueue,
  type AggregateJob,
  type ChunkJob,
  type FullRunJob,
} from './scoring.queue';
import { dialectOf } from './sql-dialect';
import { ScoringErrors } from './scoring.errors';

export interface RunView {
  id: string;
  state: string;
  trigger: string;
  progress: number;
  officersTotal: number;
  officersScored: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

/**
 * Full recomputes. A run is a row; the `full-run` job expands the quiz evidence once, calibrates the
 * item difficulties (item-calibration.service.ts), cuts the
 * officers into id ranges and fans them out with addBulk; each `score-chunk` job scores its range with
 * one statement and records itself in scoring_run_chunks (a retried chunk overwrites its own row), so
 * progress = Σ officers of finished chunks / officers total, counted, never incremented.
 */
@Injectable()
export class ScoringRunsService {
  private readonly logger = new Logger(ScoringRunsService.name);

  constructor(
    @InjectRepository(ScoringRun) private readonly runs: Repository<ScoringRun>,
    private readonly tx: TransactionRunner,
    private readonly capability: CapabilityService,
    private readonly calibration: ItemCalibrationService,
    private readonly queue: ScoringQueue,
    private readonly config: AppConfig,
  ) {}

  async createRun(trigger: 'api' | 'nightly', requestedById: string | null): Promise<ScoringRun> {
    const run: ScoringRun = {
      id: randomUUID(),
      scope: 'all',
      trigger,
      state: 'queued',
      officersTotal: 0,
      chunksTotal: 0,
      error: null,
      requestedById,
      createdAt: new Date(),
      startedAt: null,
      finishedAt: null,
    };
    await this.tx.run((em) => em.insert(ScoringRun, run));
    return run;
  }

  /** POST /api/scoring/runs: the run record, then the job (503 when the queue cannot take it). */
  async request(me: Principal): Promise<{ id: string }> {
    // A run already under way (started within the hour) answers for this request too.
    const active = await this.runs.findOne({
      where: { state: In(['queued', 'running']), createdAt: MoreThan(new Date(Date.now() - 3_600_000)) },
      order: { createdAt: 'DESC' },
    });
    if (active) return { id: active.id };
    const run = await this.createRun('api', me.id);
    try {
      await this.queue.add<FullRunJob>(JOB.fullRun, { runId: run.id }, { jobId: `run:${run.id}` });
    } catch (error) {
      if (!(error instanceof QueueUnavailableError)) throw error;
      await this.fail(run.id, '队列暂不可用，未能开始');
      throw ScoringErrors.queueUnavailable();
    }
    return { id: run.id };
  }

  /** The `full-run` job. Re-running it (a retry) restarts the same run from its chunks. */
  async start(runId: string): Promise<void> {
    const run = await this.runs.findOneBy({ id: runId });
    if (!run || run.state === 'finished') return;
    const startedAt = run.startedAt ?? new Date();
    await this.tx.run((em) =>
      em.update(ScoringRun, { id: runId }, { state: 'running', startedAt, error: null }),
    );
    const ids = await this.capability.officerIds();
    const size = this.config.get('SCORING_CHUNK_SIZE');
    await this.capability.expandEvidenceInRanges(ids, size);
    // item difficulties from the answers so far and the stored abilities; every chunk scores with them
    await this.calibration.calibrate(new Date());
    const chunks: ChunkJob[] = [];
    for (let i = 0; i < ids.length; i += size) {
      const part = ids.slice(i, i + size);
      chunks.push({
        runId,
        chunkNo: chunks.length,
        fromId: part[0],
        toId: part[part.length - 1],
        officers: part.length,
      });
    }
    await this.tx.run((em) =>
      em.update(ScoringRun, { id: runId }, { officersTotal: ids.length, chunksTotal: chunks.length }),
    );
    if (chunks.length === 0) return this.finishIfComplete(runId);
    await this.queue.addBulk(
      chunks.map((c) => ({ name: JOB.chunk, data: c, opts: { jobId: `${runId}:${c.chunkNo}` } })),
    );
  }

  /**
   * The `score-chunk` job: as of the moment it runs, not the run's start, so a chunk reads the
   * evidence of the attempts finished while the run was under way. A row an event wrote from newer
   * evidence meanwhile is left as it is (score-watermark.ts).
   */
  async runChunk(c: ChunkJob): Promise<void> {
    await this.capability.scoreRange(c.fromId, c.toId, new Date());
    await this.tx.run((em) => {
      const d = dialectOf(em);
      return rawRows(
        em,
        `INSERT INTO scoring_run_chunks ("runId", "chunkNo", "officers", "finishedAt") VALUES (:runId, :chunkNo, :officers, ${d.tsParam('at')})` +
          ` ON CONFLICT ("runId", "chunkNo") DO UPDATE SET "officers" = excluded."officers", "finishedAt" = excluded."finishedAt"`,
        { runId: c.runId, chunkNo: c.chunkNo, officers: c.officers, at: d.time(new Date()) },
      );
    });
    await this.finishIfComplete(c.runId);
  }

  private async finishIfComplete(runId: string): Promise<void> {
    const run = await this.runs.findOneBy({ id: runId });
    if (!run || run.state !== 'running') return;
    const [done] = await rawRows<{ n: unknown }>(
      this.runs.manager,
      `SELECT COUNT(*) AS "n" FROM scoring_run_chunks WHERE "runId" = :runId`,
      { runId },
    );
    if (toNumber(done.n) < run.chunksTotal) return;
    const result = await this.tx.run((em) =>
      em.update(
        ScoringRun,
        { id: runId, state: In(['running']) },
        { state: 'finished', finishedAt: new Date() },
      ),
    );
    if (!result.affected) return;
    this.logger.log({ runId, officers: run.officersTotal }, 'scoring run finished');
    // The unit indicators of the open periods follow the new scores.
    await this.queue
      .add<AggregateJob>(JOB.aggregate, { periods: currentPeriods(new Date()) })
      .catch((error: unknown) => this.logger.warn(`aggregate not queued: ${String(error)}`));
  }

  async fail(runId: string, error: string): Promise<void> {
    await this.tx.run((em) =>
      em.update(
        ScoringRun,
        { id: runId },
        { state: 'failed', error: error.slice(0, 500), finishedAt: new Date() },
      ),
    );
  }

  async view(runId: string): Promise<RunView> {
    const run = await this.runs.findOneBy({ id: runId });
    if (!run) throw ScoringErrors.runNotFound();
    return this.toView(run);
  }

  async recent(limit = 10): Promise<RunView[]> {
    const runs = await this.runs.find({ order: { createdAt: 'DESC' }, take: limit });
    return Promise.all(runs.map((r) => this.toView(r)));
  }

  /**
   * From the truth: the run row and its chunk rows. A run whose chunks are all recorded is finished
   * even if the last chunk's job died before it could mark the run (shown so, not 计算中 for ever).
   */
  private async toView(run: ScoringRun): Promise<RunView> {
    const [row] = await rawRows<{ n: unknown; chunks: unknown; last: unknown }>(
      this.runs.manager,
      `SELECT COALESCE(SUM("officers"), 0) AS "n", COUNT(*) AS "chunks", MAX("finishedAt") AS "last" FROM scoring_run_chunks WHERE "runId" = :runId`,
      { runId: run.id },
    );
    const scored = toNumber(row.n);
    const allChunks =
      run.state === 'running' && run.chunksTotal > 0 && toNumber(row.chunks) >= run.chunksTotal;
    const state = allChunks ? 'finished' : run.state;
    const finishedAt = run.finishedAt ?? (allChunks ? toDate(row.last) : null);
    const progress = state === 'finished' ? 1 : run.officersTotal > 0 ? scored / run.officersTotal : 0;
    return {
      id: run.id,
      state,
      trigger: run.trigger,
      progress: Math.round(progress * 1000) / 1000,
      officersTotal: run.officersTotal,
      officersScored: scored,
      createdAt: run.createdAt.toISOString(),
      startedAt: run.startedAt?.toISOString() ?? null,
      finishedAt: finishedAt?.toISOString() ?? null,
      error: run.error,
    };
  }
}
