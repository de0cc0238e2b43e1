import { Body, Controller, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, type Actor } from '../audit/audit-actor';
import { CurrentUser, Roles } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { AppError } from '../common/errors/app-error';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto } from './dto/user.dto';
import { importStatusView } from './import/import-status-view';
import { UserImportService } from './import/user-import.service';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly importer: UserImportService,
  ) {}

  /** Admins and trainers see the bureau, a manager their unit subtree. */
  @Get()
  @Roles('admin', 'trainer', 'manager')
  list(@CurrentUser() me: Principal, @Query() query: ListUsersQueryDto) {
    return this.users.list(me, query);
  }

  /** Anyone signed in; outside the caller's scope (an officer: anyone but himself) it is 404. */
  @Get(':id')
  get(@CurrentUser() me: Principal, @Param('id') id: string) {
    return this.users.get(me, id);
  }

  @Post()
  @Roles('admin')
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
  @ApiOperation({ summary: 'Import users from CSV (all rows or none; large files are queued)' })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'username,name,password,role,unit\nzhangsan,张三,Xinfang@2026,officer,甲街道\n' } })
  @ApiResponse({ status: 201, description: '{created}: up to 10 rows, written within the request' })
  @ApiResponse({ status: 202, description: '{importId, state: "queued", total}: more than 10 rows, written by a queued job' })
  @ApiResponse({ status: 400, description: 'USER_IMPORT.INVALID with errors [{row, field, code}]' })
  @ApiResponse({ status: 409, description: 'USER.USERNAME_TAKEN (taken between check and write)' })
  @ApiResponse({ status: 415, description: 'REQUEST.UNSUPPORTED_MEDIA_TYPE' })
  @ApiResponse({ status: 503, description: 'USER_IMPORT.QUEUE_UNAVAILABLE' })
  async import(@CurrentActor() actor: Actor, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    if (typeof body !== 'string') {
      throw new AppError(415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', '请以 text/csv 格式提交 CSV 文件');
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
  @ApiResponse({ status: 200, description: '{id, state: queued|running|succeeded|failed, total, processed, created, failure, createdAt, finishedAt}' })
  @ApiResponse({ status: 404, description: 'USER_IMPORT.NOT_FOUND' })
  async importStatus(@Param('id') id: string) {
    return importStatusView(await this.importer.status(id));
  }

  @Patch(':id')
  @Roles('admin')
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(actor, id, dto);
  }
}
