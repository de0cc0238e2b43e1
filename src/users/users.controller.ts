import { Body, Controller, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, type Actor } from '../audit/audit-actor';
import { CurrentUser, Roles } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto } from './dto/user.dto';
import { importStatusView } from './import/import-status-view';
import { UserImportService } from './import/user-import.service';
import { UsersService } from './users.service';
import { ApiErrors, FORBIDDEN, INVALID, TOO_LARGE, UNAUTHENTICATED } from '../common/openapi/api-errors';
import { CommonErrors } from '../common/errors/common.errors';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly importer: UserImportService,
  ) {}

  /** Admins see the bureau, trainers the bureau's officers (and themselves), a manager their unit subtree. */
  @Get()
  @Roles('admin', 'trainer', 'manager')
  @ApiOperation({
    summary: '用户列表（q 匹配姓名或用户名；role、unitId 含下级单位）；负责人只看到本单位及下级',
  })
  @ApiErrors(INVALID, UNAUTHENTICATED, FORBIDDEN)
  list(@CurrentUser() me: Principal, @Query() query: ListUsersQueryDto) {
    return this.users.list(me, query);
  }

  /**
   * Anyone signed in; outside the caller's scope it is 404 (an officer: anyone but himself; a trainer:
   * anyone but officers and himself; a manager: anyone outside the subtree). docs/api-notes.md, "Who reads whom".
   */
  @Get(':id')
  @ApiOperation({ summary: '一个用户；超出调用者范围（信访干部：除本人外）时 404' })
  @ApiErrors(UNAUTHENTICATED, [404, 'USER.NOT_FOUND：用户不存在或不在调用者范围内'])
  get(@CurrentUser() me: Principal, @Param('id') id: string) {
    return this.users.get(me, id);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: '新建用户（管理员），记入审计日志' })
  @ApiErrors(
    [
      400,
      'VALIDATION.FAILED / USER.UNIT_NOT_FOUND / REQUEST.MALFORMED_BODY：字段不符合要求（含密码规则）或所选单位不存在',
    ],
    UNAUTHENTICATED,
    FORBIDDEN,
    [409, 'USER.USERNAME_TAKEN：用户名已被使用'],
    TOO_LARGE,
  )
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto) {
    return this.users.create(actor, dto);
  }

  /**
   * All rows or none, every row checked before anything happens: 400 USER_IMPORT.INVALID with
   * `errors: [{row, field, code}]`; a small file → 201 `{created}`; a larger one → 202
   * `{importId, state: "queued", total}`, followed at GET /api/users/imports/:id.
   */
  @Post('import')
  @Roles('admin')
  @ApiOperation({
    summary: 'CSV 批量导入用户（管理员）：全部行通过检查才导入，否则一行也不导入；超过 10 行时排队执行',
  })
  @ApiErrors(
    [400, 'USER_IMPORT.INVALID：有问题的行，errors: [{row, field, code}]'],
    UNAUTHENTICATED,
    FORBIDDEN,
    TOO_LARGE,
    [415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE：请以 text/csv 提交'],
  )
  @ApiConsumes('text/csv')
  @ApiBody({
    schema: {
      type: 'string',
      example: 'username,name,password,role,unit\nzhangsan,张三,Xinfang@2026,officer,甲街道\n',
    },
  })
  @ApiResponse({ status: 201, description: '{created}: up to 10 rows, written within the request' })
  @ApiResponse({
    status: 202,
    description: '{importId, state: "queued", total}: more than 10 rows, written by a queued job',
  })
  @ApiResponse({ status: 409, description: 'USER.USERNAME_TAKEN (taken between check and write)' })
  @ApiResponse({ status: 503, description: 'USER_IMPORT.QUEUE_UNAVAILABLE' })
  async import(
    @CurrentActor() actor: Actor,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (typeof body !== 'string') {
      throw CommonErrors.requestUnsupportedMediaType();
    }
    const outcome = await this.importer.import(actor, body);
    if (outcome.kind === 'created') return { created: outcome.created };
    res.status(202);
    return { importId: outcome.importId, state: 'queued', total: outcome.total };
  }

  /** Progress and result of a queued import. */
  @Get('imports/:id')
  @Roles('admin')
  @ApiOperation({ summary: 'State of a queued CSV import' })
  @ApiResponse({
    status: 200,
    description:
      '{id, state: queued|running|succeeded|failed, total, processed, created, failure, createdAt, finishedAt}',
  })
  @ApiResponse({ status: 404, description: 'USER_IMPORT.NOT_FOUND' })
  async importStatus(@Param('id') id: string) {
    return importStatusView(await this.importer.status(id));
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({
    summary: '修改用户（姓名、角色、单位、停用、重置密码；管理员），记入审计日志；重置密码或停用会结束其会话',
  })
  @ApiErrors(
    [
      400,
      'VALIDATION.FAILED / USER.SELF_LOCKOUT / USER.UNIT_NOT_FOUND / REQUEST.MALFORMED_BODY：字段不符合要求、不能停用自己或取消自己的管理员角色、所选单位不存在',
    ],
    UNAUTHENTICATED,
    FORBIDDEN,
    [404, 'USER.NOT_FOUND：用户不存在'],
    TOO_LARGE,
  )
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(actor, id, dto);
  }
}
