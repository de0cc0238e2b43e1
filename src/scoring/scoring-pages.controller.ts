import { Controller, Get, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { AppError } from '../common/errors/app-error';
import { ScoringRunsService } from './scoring-runs.service';
import { WorkerPresenceService } from './worker-presence.service';

const STATE_LABELS: Record<string, string> = {
  queued: '排队中',
  running: '计算中',
  finished: '已完成',
  failed: '失败',
};

/** Admin page: recent full recomputes with a progress bar, and a button to start one. */
@ApiExcludeController()
@Controller('admin/scoring')
export class ScoringPagesController {
  constructor(
    private readonly runs: ScoringRunsService,
    private readonly workers: WorkerPresenceService,
  ) {}

  @Get()
  @Roles('admin')
  async index(@Res() res: Response, @CurrentUser() _me: Principal) {
    const runs = (await this.runs.recent(10)).map((r) => ({
      ...r,
      stateLabel: STATE_LABELS[r.state] ?? r.state,
      percentDone: Math.round(r.progress * 100),
      active: r.state === 'queued' || r.state === 'running',
    }));
    const error = res.req.query.error === 'queue' ? '评分队列暂不可用（Redis 未连接），请稍后再试。' : null;
    // Asked of Redis on every view: a queued run with nobody to take it must say so, not 排队中 for ever.
    const noWorker = (await this.workers.check()) === 'none';
    res.render('admin/scoring/index', {
      title: '能力分计算',
      runs,
      error,
      noWorker,
      waiting: noWorker && runs.some((r) => r.active),
      refresh: runs.some((r) => r.active),
    });
  }

  @Post('runs')
  @Roles('admin')
  async start(@CurrentUser() me: Principal, @Res() res: Response) {
    try {
      await this.runs.request(me);
      res.redirect(303, '/admin/scoring');
    } catch (error) {
      if (error instanceof AppError && error.code === 'SCORING.QUEUE_UNAVAILABLE') {
        return res.redirect(303, '/admin/scoring?error=queue');
      }
      throw error;
    }
  }
}
