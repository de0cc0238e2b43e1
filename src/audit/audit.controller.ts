import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/decorators/auth.decorators';
import { AuditService } from './audit.service';
import { endOfBeijingDay, startOfBeijingDay } from './audit-time';
import { ListAuditQueryDto } from './dto/list-audit.query';
import { ApiErrors, FORBIDDEN, INVALID, UNAUTHENTICATED } from '../common/openapi/api-errors';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** Newest first; `before`/`after` are the record's fields around the change (never secrets). */
  @Get()
  @Roles('admin')
  @ApiOperation({ summary: '审计日志，新的在前（可按 action、entityType 筛选；管理员）' })
  @ApiErrors(INVALID, UNAUTHENTICATED, FORBIDDEN)
  list(@Query() query: ListAuditQueryDto) {
    return this.audit.list(query.limit, query.offset, {
      action: query.action,
      entityType: query.entityType,
      actorIds: query.actorId ? [query.actorId] : undefined,
      from: query.from ? (startOfBeijingDay(query.from) ?? undefined) : undefined,
      to: query.to ? (endOfBeijingDay(query.to) ?? undefined) : undefined,
    });
  }
}
