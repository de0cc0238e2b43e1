import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../audit/audit-actor';
import { CurrentUser, Roles } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { CreateUnitDto, MoveUnitDto, UpdateUnitDto } from './dto/unit.dto';
import { UnitsService } from './units.service';
import { ApiErrors, BAD_BODY, FORBIDDEN, TOO_LARGE, UNAUTHENTICATED } from '../common/openapi/api-errors';

@ApiTags('units')
@ApiBearerAuth()
@Controller('api/units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  /** The tree as a flat list in tree order (`parentId`, `depth`); a manager gets their own subtree. */
  @Get()
  @Roles('admin', 'trainer', 'manager')
  @ApiOperation({ summary: '单位树（按树序的平铺列表，含 parentId、depth）；负责人只看到本单位及下级' })
  @ApiErrors(UNAUTHENTICATED, FORBIDDEN)
  list(@CurrentUser() me: Principal) {
    return this.units.list(me);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: '新建单位（管理员），记入审计日志' })
  @ApiErrors(
    [
      400,
      'VALIDATION.FAILED / UNIT.PARENT_NOT_FOUND / UNIT.BUREAU_MUST_BE_ROOT / UNIT.TOO_DEEP / REQUEST.MALFORMED_BODY：字段不符合要求、上级单位不存在、“局”只能是最上级或层级过深',
    ],
    UNAUTHENTICATED,
    FORBIDDEN,
    [409, 'UNIT.NAME_TAKEN / UNIT.ROOT_EXISTS：同一上级下已有同名单位，或已有最上级的局'],
    TOO_LARGE,
  )
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUnitDto) {
    return this.units.create(actor, dto);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: '单位改名（管理员），记入审计日志' })
  @ApiErrors(
    BAD_BODY,
    UNAUTHENTICATED,
    FORBIDDEN,
    [404, 'UNIT.NOT_FOUND：单位不存在'],
    [409, 'UNIT.NAME_TAKEN：同一上级下已有同名单位'],
    TOO_LARGE,
  )
  rename(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: UpdateUnitDto) {
    return this.units.rename(actor, id, dto);
  }

  @Post(':id/move')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: '调整上级单位：整棵下级子树随之移动（一个事务内更新路径），记入审计日志' })
  @ApiResponse({ status: 200, description: '移动后的单位' })
  @ApiResponse({
    status: 400,
    description:
      'VALIDATION.FAILED · UNIT.MOVE_INTO_SUBTREE · UNIT.PARENT_NOT_FOUND · UNIT.PARENT_RETIRED · UNIT.ROOT_CANNOT_MOVE · UNIT.TOO_DEEP',
  })
  @ApiResponse({ status: 404, description: 'UNIT.NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'UNIT.NAME_TAKEN（新上级下已有同名单位）· UNIT.RETIRED' })
  move(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: MoveUnitDto) {
    return this.units.move(actor, id, dto);
  }

  @Post(':id/retire')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: '撤销单位（不删除：保留历史，不再出现在选择列表和新的学习任务中），记入审计日志' })
  @ApiResponse({ status: 200, description: '撤销后的单位（retired: true）；已撤销的单位再次撤销也返回 200' })
  @ApiResponse({ status: 400, description: 'UNIT.ROOT_CANNOT_RETIRE' })
  @ApiResponse({ status: 404, description: 'UNIT.NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'UNIT.HAS_ACTIVE_USERS · UNIT.HAS_ACTIVE_CHILDREN' })
  retire(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.units.retire(actor, id);
  }
}
