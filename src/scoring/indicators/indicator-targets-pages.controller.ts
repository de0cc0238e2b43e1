import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, type Actor } from '../../audit/audit-actor';
import { Roles } from '../../auth/decorators/auth.decorators';
import { formFailure, parseForm } from '../../common/forms/form-validation';
import { formText } from '../../common/views/form-body';
import { flashFor } from '../../common/views/page-options';
import { IndicatorAdminPageService } from './indicator-admin-page.service';
import { SetTargetDto } from './indicators.dto';

const LABELS = { target: '目标值', year: '年度', unitId: '单位' };
const FLASH: Record<string, string> = { saved: '目标值已保存（记入审计日志），指标表按新目标值判断是否达标' };

/**
 * /admin/indicators/targets: per indicator the bureau-wide target and the targets for one year
 * and/or one unit (the most specific wins, docs/scoring.md "Targets"); each form sets one of them.
 */
@ApiExcludeController()
@Controller('admin/indicators/targets')
@Roles('admin')
export class IndicatorTargetsPagesController {
  constructor(private readonly admin: IndicatorAdminPageService) {}

  @Get()
  async index(@Query('ok') ok: unknown, @Res() res: Response) {
    return res.render('admin/indicators/targets', {
      ...(await this.admin.targetsView()),
      flash: flashFor(FLASH, ok),
    });
  }

  @Post(':code')
  async save(
    @CurrentActor() actor: Actor,
    @Param('code') code: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    const form = {
      code,
      target: formText(body.target).trim(),
      year: formText(body.year).trim(),
      unitId: formText(body.unitId),
    };
    try {
      // a form sends text: the number is read here, blanks mean "every year" / "every unit"
      const dto = await parseForm(SetTargetDto, {
        target: form.target === '' ? undefined : Number(form.target),
        year: form.year || undefined,
        unitId: form.unitId || undefined,
      });
      await this.admin.setTarget(actor, code, dto.target, { year: dto.year, unitId: dto.unitId });
      return res.redirect(303, '/admin/indicators/targets?ok=saved');
    } catch (error) {
      const failure = formFailure(error, LABELS);
      if (!failure) throw error;
      return res.status(failure.status).render('admin/indicators/targets', {
        ...(await this.admin.targetsView({ form, errors: failure.fields })),
        errorMessage: failure.message,
      });
    }
  }
}
