import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../audit/audit-actor';
import { CurrentUser, Roles } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { AppError } from '../common/errors/app-error';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto } from './dto/user.dto';
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

  /** Admins see the bureau, trainers the bureau's officers (and themselves), a manager their unit subtree. */
  @Get()
  @Roles('admin', 'trainer', 'manager')
  list(@CurrentUser() me: Principal, @Query() query: ListUsersQueryDto) {
    return this.users.list(me, query);
  }

  /**
   * Anyone signed in; outside the caller's scope it is 404 (an officer: anyone but himself; a trainer:
   * anyone but officers and himself; a manager: anyone outside the subtree). docs/api-notes.md, "Who reads whom".
   */
  @Get(':id')
  get(@CurrentUser() me: Principal, @Param('id') id: string) {
    return this.users.get(me, id);
  }

  @Post()
  @Roles('admin')
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto) {
    return this.users.create(actor, dto);
  }

  /** All rows or none: 201 `{created}`, or 400 USER_IMPORT.INVALID with `errors: [{row, field, code}]`. */
  @Post('import')
  @Roles('admin')
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'username,name,password,role,unit\nzhangsan,张三,Xinfang@2026,officer,甲街道\n' } })
  import(@CurrentActor() actor: Actor, @Body() body: unknown) {
    if (typeof body !== 'string') {
      throw new AppError(415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', '请以 text/csv 格式提交 CSV 文件');
    }
    return this.importer.import(actor, body);
  }

  @Patch(':id')
  @Roles('admin')
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(actor, id, dto);
  }
}
