import { Body, Controller, Get, Param, Post, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, type Actor } from '../../audit/audit-actor';
import { CurrentUser, Roles } from '../../auth/decorators/auth.decorators';
import type { Principal } from '../../auth/principal';
import { formFailure, parseForm } from '../../common/forms/form-validation';
import { formText } from '../../common/views/form-body';
import { flashFor } from '../../common/views/page-options';
import { IndicatorAdminPageService } from './indicator-admin-page.service';
import { IndicatorsPageService } from './indicators-page.service';
import { IndicatorNotesService } from './indicator-notes.service';
import { NOTE_MAX, SetIndicatorNoteDto } from './indicators.dto';

const NOTE_LABELS = {
  deviationReason: '偏差原因',
  improvement: '改进措施',
  period: '统计期间',
  unitId: '单位',
};

const FLASH: Record<string, string> = {
  closed: '统计期间已关账：各单位期末的指标值（含分子、分母）已保存，此后不再重算',
  reopened: '统计期间已重新打开：指标已按期末数据重算，原因已记入审计日志',
};

/** Where a period action returns: the table the admin was looking at. */
const backTo = (body: Record<string, unknown>, period: string, ok: string) =>
  `/indicators?unitId=${encodeURIComponent(formText(body.unitId))}&period=${encodeURIComponent(period)}` +
  `&scope=${formText(body.scope) === 'own' ? 'own' : 'subtree'}&ok=${ok}`;

/** The indicator table (绩效 format) for managers (own subtree) and admins, and its 偏差原因/改进措施 form. */
@ApiExcludeController()
@Controller('indicators')
export class IndicatorsPagesController {
  constructor(
    private readonly page: IndicatorsPageService,
    private readonly notes: IndicatorNotesService,
    private readonly admin: IndicatorAdminPageService,
  ) {}

  @Get()
  @Roles('manager', 'admin')
  @Render('indicators/index')
  async index(
    @CurrentUser() me: Principal,
    @Query('unitId') unitId?: string,
    @Query('period') period?: string,
    @Query('scope') scope?: string,
    @Query('ok') ok?: unknown,
  ) {
    return { ...(await this.tableView(me, { unitId, period, scope })), flash: flashFor(FLASH, ok) };
  }

  @Post('periods/:period/close')
  @Roles('admin')
  async closePeriod(
    @CurrentUser() me: Principal,
    @CurrentActor() actor: Actor,
    @Param('period') period: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    return this.periodAction(me, res, period, body, 'closed', () => this.admin.close(actor, period));
  }

  @Post('periods/:period/reopen')
  @Roles('admin')
  async reopenPeriod(
    @CurrentUser() me: Principal,
    @CurrentActor() actor: Actor,
    @Param('period') period: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    const reason = formText(body.reason);
    return this.periodAction(me, res, period, body, 'reopened', () =>
      this.admin.reopen(actor, period, reason),
    );
  }

  /** PRG on success; a refused close or reopen gives the page back with the reason and the typed text. */
  private async periodAction(
    me: Principal,
    res: Response,
    period: string,
    body: Record<string, unknown>,
    ok: string,
    work: () => Promise<unknown>,
  ) {
    try {
      await work();
      return res.redirect(303, backTo(body, period, ok));
    } catch (error) {
      const failure = formFailure(error, { reason: '重新打开的原因', period: '统计期间' });
      if (!failure) throw error;
      const view = await this.tableView(me, {
        unitId: formText(body.unitId),
        period,
        scope: formText(body.scope),
      });
      return res.status(failure.status).render('indicators/index', {
        ...view,
        errorMessage: failure.message,
        reopenReason: formText(body.reason),
        reopenError: failure.fields.reason,
      });
    }
  }

  private async tableView(me: Principal, q: { unitId?: string; period?: string; scope?: string }) {
    const view = await this.page.index(me, q);
    return { ...view, periodPanel: await this.admin.periodPanel(me, view.period) };
  }

  @Get('notes/:code')
  @Roles('manager', 'admin')
  async noteForm(
    @CurrentUser() me: Principal,
    @Param('code') code: string,
    @Query('unitId') unitId: string,
    @Query('period') period: string,
    @Res() res: Response,
  ) {
    const note = await this.notes.get(me, unitId ?? '', period ?? '', code);
    return res.render('indicators/note', await this.page.noteView(code, unitId, period, note));
  }

  @Post('notes/:code')
  @Roles('manager', 'admin')
  async saveNote(
    @CurrentUser() me: Principal,
    @CurrentActor() actor: Actor,
    @Param('code') code: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    try {
      const dto = await parseForm(SetIndicatorNoteDto, body);
      await this.notes.set(me, actor, code, dto);
      return res.redirect(
        303,
        `/indicators?unitId=${encodeURIComponent(dto.unitId)}&period=${encodeURIComponent(dto.period)}&saved=${encodeURIComponent(code)}`,
      );
    } catch (error) {
      const failure = formFailure(error, NOTE_LABELS);
      if (!failure) throw error;
      const text = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
      const view = await this.page.noteView(code, text('unitId'), text('period'), {
        deviationReason: text('deviationReason'),
        improvement: text('improvement'),
      });
      return res
        .status(failure.status)
        .render('indicators/note', { ...view, errorMessage: failure.message, noteMax: NOTE_MAX });
    }
  }
}
