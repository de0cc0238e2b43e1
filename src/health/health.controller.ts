import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Response } from 'express';
import { Public } from '../auth/decorators/auth.decorators';
import { RedisHealthIndicator } from './redis-health.indicator';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  /** 200 `{status:'ok', info:{db, redis}}`, or 503 `{status:'error', info, error}` naming what is down. */
  @Public()
  @Get()
  @ApiOperation({ summary: '健康检查：数据库和 Redis 是否可用（公开）' })
  @ApiResponse({ status: 200, description: '{ status: ok, info: { db, redis } }' })
  @ApiResponse({ status: 503, description: '{ status: error, info, error }：列出不可用的组件' })
  async check(@Res() res: Response): Promise<void> {
    try {
      const result = await this.health.check([
        () => this.db.pingCheck('db', { timeout: 1500 }),
        () => this.redis.check('redis'),
      ]);
      res.status(200).json(result);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      res.status(503).json(error.getResponse());
    }
  }
}
