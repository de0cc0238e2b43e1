import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckResult, HealthCheckService, HealthIndicatorResult } from '@nestjs/terminus';
import { Response } from 'express';
import { Public, Roles } from '../auth/decorators/auth.decorators';
import { ContentImportStatusService } from '../content/import/content-import-status.service';
import { DatabaseHealthIndicator } from './database-health.indicator';
import { QueueHealthIndicator } from './queue-health.indicator';
import { RedisHealthIndicator } from './redis-health.indicator';
import { runtimeVersions } from './runtime-versions';

type CheckOutcome = { httpStatus: 200 | 503; result: HealthCheckResult };

/** Up or down per component, nothing else: error text (hosts, driver messages) is for admins only. */
export function publicHealth(result: HealthCheckResult) {
  const statusOnly = (components: Partial<HealthIndicatorResult> | undefined) =>
    Object.fromEntries(
      Object.entries(components ?? {}).map(([name, c]) => [name, { status: c?.status ?? 'down' }]),
    );
  const down = result.error && Object.keys(result.error).length > 0 ? statusOnly(result.error) : undefined;
  // API.md's shape: every component under `info`; what is down is repeated under `error`.
  return {
    status: result.status,
    info: { ...statusOnly(result.info), ...down },
    ...(down ? { error: down } : {}),
  };
}

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: DatabaseHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly contentStatus: ContentImportStatusService,
    private readonly queue: QueueHealthIndicator,
  ) {}

  /** 200 `{status:'ok', info:{db, redis}}`, or 503 `{status:'error', info:{db, redis}, error:{redis}}` naming what is down. */
  @Public()
  @Get('health')
  @ApiOperation({ summary: 'Up or down per component, for load balancers (no details)' })
  @ApiResponse({ status: 200, description: '{status:"ok", info:{db:{status:"up"}, redis:{status:"up"}}}' })
  @ApiResponse({
    status: 503,
    description:
      '{status:"error", info:{db:{status:"up"}, redis:{status:"down"}}, error:{redis:{status:"down"}}}',
  })
  async check(@Res() res: Response): Promise<void> {
    const { httpStatus, result } = await this.run();
    res.status(httpStatus).json(publicHealth(result));
  }

  /** For admins: the same checks with their error text, the last content import and the versions. */
  @Get('api/health/details')
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Health with error text, last content import and versions (admin)' })
  @ApiResponse({
    status: 200,
    description: '{status, info, error?, details, content, versions}; 200 even when a component is down',
  })
  @ApiResponse({ status: 401, description: 'AUTH.UNAUTHENTICATED' })
  @ApiResponse({ status: 403, description: 'AUTH.FORBIDDEN' })
  async details() {
    const [{ result }, content] = await Promise.all([this.run(), this.contentStatus.last()]);
    return { ...result, content: content ?? null, versions: runtimeVersions() };
  }

  private async run(): Promise<CheckOutcome> {
    try {
      const result = await this.health.check([
        () => this.db.check('db'),
        () => this.redis.check('redis'),
        () => this.queue.check('queue'),
      ]);
      return { httpStatus: 200, result };
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      return { httpStatus: 503, result: error.getResponse() as HealthCheckResult };
    }
  }
}
