import { Body, Controller, Get, Param, Post, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, type Actor } from '../audit/audit-actor';
import { Roles } from '../auth/decorators/auth.decorators';
import { blankToUndefined, formFailure, FormFailure, parseForm } from '../common/forms/form-validation';
import { CreateUnitDto, UpdateUnitDto } from './dto/unit.dto';
import { flashFor } from '../users/pages/page-options';
import { UNIT_KINDS, UNIT_KIND_LABELS } from './entities/unit.entity';
import { UnitsService } from './units.service';

const FLASH: Record<string, string> = { created: '单位已添加', renamed: '单位名称已修改' };

/** /admin/units: the organisation tree, adding a unit and renaming one. */
@ApiExcludeController()
@Controller('admin/units')
@Roles('admin')
export class UnitsPagesController {
  constructor(private readonly units: UnitsService) {}

  @Get()
  @Render('admin/units/index')
  index(@Query('ok') ok?: unknown) {
    return this.view({ flash: flashFor(FLASH, ok) });
  }

  @Post()
  async create(@CurrentActor() actor: Actor, @Body() body: Record<string, unknown>, @Res() res: Response) {
    try {
      await this.units.create(actor, await parseForm(CreateUnitDto, blankToUndefined(body)));
      return res.redirect(303, '/admin/units?ok=created');
    } catch (error) {
      const failure = formFailure(error);
      if (!failure) throw error;
      return res.status(failure.status).render('admin/units/index', await this.view({ form: body, failure }));
    }
  }

  @Post(':id')
  async rename(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: Record<string, unknown>, @Res() res: Response) {
    try {
      await this.units.rename(actor, id, await parseForm(UpdateUnitDto, { name: body.name ?? '' }));
      return res.redirect(303, '/admin/units?ok=renamed');
    } catch (error) {
      const failure = formFailure(error);
      if (!failure) throw error;
      const message = `改名失败：${Object.values(failure.fields)[0] ?? failure.message}`;
      return res.status(failure.status).render('admin/units/index', await this.view({ errorMessage: message }));
    }
  }

  private async view(extra: { form?: Record<string, unknown>; failure?: FormFailure; flash?: unknown; errorMessage?: string }) {
    const units = await this.units.all();
    const hasRoot = units.some((u) => u.depth === 0);
    const form = extra.form ?? {};
    return {
      title: '单位管理',
      units,
      parents: units.map((u) => ({ id: u.id, label: `${'\u3000'.repeat(u.depth)}${u.name}`, selected: u.id === form.parentId })),
      kinds: UNIT_KINDS.filter((k) => k !== 'bureau' || !hasRoot).map((k) => ({ value: k, label: UNIT_KIND_LABELS[k], selected: k === form.kind })),
      form,
      errors: extra.failure?.fields ?? {},
      errorMessage: extra.errorMessage ?? (extra.failure ? extra.failure.message : undefined),
      flash: extra.flash,
    };
  }
}
