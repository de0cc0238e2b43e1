import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Response } from 'express';
import { Public } from '../auth/decorators/auth.decorators';
import { QueueHealthIndicator } from './queue-health.indicator';
import { RedisHealthIndicator } from './redis-health.indicator';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly queue: QueueHealthIndicator,
  ) {}

  /** 200 `{status:'ok', info:{db, redis}}`, or 503 `{status:'error', info, error}` naming what is down. */
  @Public()
  @Get()
  async check(@Res() res: Response): Promise<void> {
    try {
      const result = await this.health.check([
        () => this.db.pingCheck('db', { timeout: 1500 }),
        () => this.redis.check('redis'),
        () => this.queue.check('queue'),
      ]);
      res.status(200).json(result);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      res.status(503).json(error.getResponse());
    }
  }
}
