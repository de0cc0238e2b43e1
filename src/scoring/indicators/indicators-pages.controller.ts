import { Controller, Get, Query, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../../auth/decorators/auth.decorators';
import type { Principal } from '../../auth/principal';
import { IndicatorsPageService } from './indicators-page.service';

/** The indicator table (target vs actual) for managers (own subtree) and admins. */
@ApiExcludeController()
@Controller('indicators')
export class IndicatorsPagesController {
  constructor(private readonly page: IndicatorsPageService) {}

  @Get()
  @Roles('manager', 'admin')
  @Render('indicators/index')
  index(@CurrentUser() me: Principal, @Query('unitId') unitId?: string, @Query('period') period?: string, @Query('scope') scope?: string) {
    return this.page.index(me, { unitId, period, scope });
  }
}
