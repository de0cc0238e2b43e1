import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../audit/audit-actor';
import { CurrentUser, Roles } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { CreateUnitDto, UpdateUnitDto } from './dto/unit.dto';
import { UnitsService } from './units.service';

@ApiTags('units')
@ApiBearerAuth()
@Controller('api/units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  /** The tree as a flat list in tree order (`parentId`, `depth`); a manager gets their own subtree. */
  @Get()
  @Roles('admin', 'trainer', 'manager')
  list(@CurrentUser() me: Principal) {
    return this.units.list(me);
  }

  @Post()
  @Roles('admin')
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUnitDto) {
    return this.units.create(actor, dto);
  }

  @Patch(':id')
  @Roles('admin')
  rename(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: UpdateUnitDto) {
    return this.units.rename(actor, id, dto);
  }
}
