import { Body, Controller, Get, Param, Post, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, type Actor } from '../../audit/audit-actor';
import { CurrentUser, Roles } from '../../auth/decorators/auth.decorators';
import type { Principal } from '../../auth/principal';
import { formFailure, parseForm } from '../../common/forms/form-validation';
import { IndicatorsPageService } from './indicators-page.service';
import { IndicatorNotesService } from './indicator-notes.service';
import { NOTE_MAX, SetIndicatorNoteDto } from './indicators.dto';

const NOTE_LABELS = {
  deviationReason: '偏差原因',
  improvement: '改进措施',
  period: '统计期间',
  unitId: '单位',
};

/** The indicator table (绩效 format) for managers (own subtree) and admins, and its 偏差原因/改进措施 form. */
@ApiExcludeController()
@Controller('indicators')
export class IndicatorsPagesController {
  constructor(
    private readonly page: IndicatorsPageService,
    private readonly notes: IndicatorNotesService,
  ) {}

  @Get()
  @Roles('manager', 'admin')
  @Render('indicators/index')
  index(
    @CurrentUser() me: Principal,
    @Query('unitId') unitId?: string,
    @Query('period') period?: string,
    @Query('scope') scope?: string,
  ) {
    return this.page.index(me, { unitId, period, scope });
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
