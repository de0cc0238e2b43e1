import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { PageQueryDto } from '../common/dto/page-query.dto';
import { ApiErrors, FORBIDDEN, INVALID, UNAUTHENTICATED } from '../common/openapi/api-errors';
import { CreateNoticeDto } from './dto/notice.dto';
import { NoticeFollowUpService } from './notice-follow-up.service';
import { NoticesService } from './notices.service';

/** What a notice's scope can be refused for (send and preview alike). */
const BAD_NOTICE: [number, string] = [
  400,
  'NOTICE.NO_TARGETS, NOTICE.SCOPE_REQUIRED, NOTICE.UNKNOWN_UNIT, NOTICE.UNKNOWN_USER, NOTICE.UNKNOWN_SESSION, VALIDATION.FAILED',
];
const NOTICE_NOT_FOUND: [number, string] = [404, 'NOTICE.NOT_FOUND'];

@ApiTags('notices')
@ApiBearerAuth()
@Controller('api/notices')
export class NoticesController {
  constructor(
    private readonly notices: NoticesService,
    private readonly followUp: NoticeFollowUpService,
  ) {}

  @Roles('trainer', 'admin')
  @Post()
  @ApiOperation({ summary: '发送通知（单位含下级、指定人员；只选角色或全部人员须 wholeBureau: true）' })
  @ApiResponse({
    status: 201,
    description: '{id, recipients, units}: how many people in how many units it reached',
  })
  @ApiErrors(BAD_NOTICE)
  send(@CurrentUser() me: Principal, @Body() dto: CreateNoticeDto) {
    return this.notices.send(me, dto);
  }

  @Roles('trainer', 'admin')
  @Post('preview')
  @HttpCode(200)
  @ApiOperation({ summary: '发送前确认：将发送给多少人（多少个单位），不发送' })
  @ApiResponse({ status: 200, description: '{recipients, units}' })
  @ApiErrors(BAD_NOTICE)
  preview(@Body() dto: CreateNoticeDto) {
    return this.notices.preview(dto);
  }

  @Roles('trainer', 'admin')
  @Get()
  @ApiOperation({ summary: '已发通知，附接收与已读人数' })
  @ApiErrors(INVALID, UNAUTHENTICATED, FORBIDDEN)
  list(@Query() page: PageQueryDto) {
    return this.notices.list(page.limit, page.offset);
  }

  @Get(':id')
  @ApiOperation({ summary: '通知全文；接收人读取即记为已读' })
  @ApiErrors(NOTICE_NOT_FOUND)
  show(@CurrentUser() me: Principal, @Param('id') id: string) {
    return this.notices.open(me, id);
  }

  @Roles('trainer', 'admin')
  @Get(':id/receipts')
  @ApiOperation({ summary: '阅读回执：按单位统计，列出未读人员' })
  @ApiResponse({
    status: 200,
    description: '{recipients, read, units: [{unitId, unitName, recipients, read}], unread: [...]}',
  })
  @ApiErrors(NOTICE_NOT_FOUND)
  receipts(@Param('id') id: string) {
    return this.notices.receipts(id);
  }

  @Roles('trainer', 'admin')
  @Post(':id/remind')
  @HttpCode(202)
  @ApiOperation({ summary: '提醒未读人员（排入队列，由后台任务发送）' })
  @ApiResponse({ status: 202, description: '{jobId, unread}' })
  @ApiErrors(NOTICE_NOT_FOUND)
  @ApiResponse({
    status: 409,
    description:
      'NOTICE.REMIND_COOLDOWN (within NOTICE_REMIND_COOLDOWN_MINUTES of the last), NOTICE.WITHDRAWN',
  })
  remind(@CurrentUser() me: Principal, @Param('id') id: string) {
    return this.followUp.remindUnread(me, id);
  }

  @Roles('trainer', 'admin')
  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: '撤回通知：接收人只看到「已撤回」，不再计入未读' })
  @ApiResponse({ status: 200, description: '{id, withdrawnAt}' })
  @ApiErrors(NOTICE_NOT_FOUND, [409, 'NOTICE.WITHDRAWN'])
  withdraw(@CurrentUser() me: Principal, @Param('id') id: string) {
    return this.followUp.withdraw(me, id);
  }
}
