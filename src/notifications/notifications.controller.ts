import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { PageQueryDto } from '../common/dto/page-query.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('me/notifications')
  @ApiOperation({ summary: '我的通知（最新在前），附未读数' })
  @ApiResponse({ status: 200, description: '{items, total, unread}' })
  @ApiResponse({ status: 400, description: 'VALIDATION.FAILED：limit 或 offset 不正确' })
  @ApiResponse({ status: 401, description: 'AUTH.UNAUTHENTICATED' })
  list(@CurrentUser() me: Principal, @Query() page: PageQueryDto) {
    return this.notifications.listForUser(me.id, page.limit, page.offset);
  }

  @Post('notifications/:id/read')
  @HttpCode(204)
  @ApiOperation({ summary: '标记一条通知为已读（可重复调用）' })
  @ApiResponse({ status: 204, description: '已读' })
  @ApiResponse({ status: 401, description: 'AUTH.UNAUTHENTICATED' })
  @ApiResponse({ status: 404, description: 'NOTIFICATION.NOT_FOUND' })
  async read(@CurrentUser() me: Principal, @Param('id') id: string): Promise<void> {
    await this.notifications.markRead(me.id, id);
  }

  @Post('me/notifications/read-all')
  @HttpCode(204)
  @ApiOperation({ summary: '全部标记为已读' })
  @ApiResponse({ status: 204, description: '已读' })
  @ApiResponse({ status: 401, description: 'AUTH.UNAUTHENTICATED' })
  async readAll(@CurrentUser() me: Principal): Promise<void> {
    await this.notifications.markAllRead(me.id);
  }
}
