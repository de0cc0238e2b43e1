import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../audit/audit-actor';
import { CurrentUser, Roles } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { CreateUnitDto, UpdateUnitDto } from './dto/unit.dto';
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
    [400, 'VALIDATION.FAILED / UNIT.PARENT_NOT_FOUND / UNIT.BUREAU_MUST_BE_ROOT / UNIT.TOO_DEEP / REQUEST.MALFORMED_BODY：字段不符合要求、上级单位不存在、“局”只能是最上级或层级过深'],
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
  @ApiErrors(BAD_BODY, UNAUTHENTICATED, FORBIDDEN, [404, 'UNIT.NOT_FOUND：单位不存在'], [409, 'UNIT.NAME_TAKEN：同一上级下已有同名单位'], TOO_LARGE)
  rename(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: UpdateUnitDto) {
    return this.units.rename(actor, id, dto);
  }
}
