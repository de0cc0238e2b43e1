import { Body, Controller, Get, Param, Post, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, type Actor } from '../audit/audit-actor';
import { CurrentUser, Roles } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { blankToUndefined, formFailure, FormFailure, parseForm } from '../common/forms/form-validation';
import { CreateUnitDto, MoveUnitDto, UpdateUnitDto } from './dto/unit.dto';
import { flashFor, unitOptions } from '../common/views/page-options';
import { UNIT_KINDS, UNIT_KIND_LABELS } from './entities/unit.entity';
import { UnitsService } from './units.service';
import { UnitErrors } from './units.errors';
import { formText } from '../common/views/form-body';

const FLASH: Record<string, string> = {
  created: '单位已添加',
  renamed: '单位名称已修改',
  moved: '单位已移到新的上级单位下，其下级单位随之移动',
  retired: '单位已撤销。历史记录保留，它不再出现在选择列表和新的学习任务中',
};

type ViewExtra = {
  form?: Record<string, unknown>;
  failure?: FormFailure;
  flash?: unknown;
  errorMessage?: string;
  moveForm?: Record<string, unknown>;
};

/** /admin/units: the organisation tree with member counts; adding, renaming, moving and retiring units. */
@ApiExcludeController()
@Controller('admin/units')
@Roles('admin')
export class UnitsPagesController {
  constructor(private readonly units: UnitsService) {}

  @Get()
  @Render('admin/units/index')
  index(@CurrentUser() me: Principal, @Query('ok') ok?: unknown) {
    return this.view(me, { flash: flashFor(FLASH, ok) });
  }

  @Post()
  async create(
    @CurrentUser() me: Principal,
    @CurrentActor() actor: Actor,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    try {
      await this.units.create(actor, await parseForm(CreateUnitDto, blankToUndefined(body)));
      return res.redirect(303, '/admin/units?ok=created');
    } catch (error) {
      const failure = formFailure(error);
      if (!failure) throw error;
      return res
        .status(failure.status)
        .render('admin/units/index', await this.view(me, { form: body, failure }));
    }
  }

  @Post('move')
  async move(
    @CurrentUser() me: Principal,
    @CurrentActor() actor: Actor,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    const unitId = formText(body.unitId);
    return this.act(me, res, 'moved', '移动失败', body, async () => {
      if (!unitId) throw UnitErrors.moveUnitRequired();
      if (!body.parentId) throw UnitErrors.moveParentRequired();
      await this.units.move(actor, unitId, await parseForm(MoveUnitDto, { parentId: body.parentId }));
    });
  }

  @Post(':id/retire')
  async retire(
    @CurrentUser() me: Principal,
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Res() res: Response,
  ) {
    return this.act(me, res, 'retired', '撤销失败', {}, () => this.units.retire(actor, id));
  }

  @Post(':id')
  async rename(
    @CurrentUser() me: Principal,
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    return this.act(me, res, 'renamed', '改名失败', {}, async () => {
      await this.units.rename(actor, id, await parseForm(UpdateUnitDto, { name: body.name ?? '' }));
    });
  }

  /** PRG on success; a refused action re-renders the page with the reason in Chinese. */
  private async act(
    me: Principal,
    res: Response,
    ok: string,
    failed: string,
    moveForm: Record<string, unknown>,
    work: () => Promise<unknown>,
  ) {
    try {
      await work();
      return res.redirect(303, `/admin/units?ok=${ok}`);
    } catch (error) {
      const failure = formFailure(error);
      if (!failure) throw error;
      const detail =
        Object.keys(failure.fields).length && failure.message === '提交的数据不符合要求'
          ? Object.values(failure.fields)[0]
          : failure.message;
      return res
        .status(failure.status)
        .render('admin/units/index', await this.view(me, { errorMessage: `${failed}：${detail}`, moveForm }));
    }
  }

  private async view(me: Principal, extra: ViewExtra) {
    const { items: units } = await this.units.list(me);
    const active = units.filter((u) => !u.retired);
    const hasRoot = units.some((u) => u.depth === 0);
    const form = extra.form ?? {};
    const moveForm = extra.moveForm ?? {};
    return {
      title: '单位管理',
      units,
      retiredCount: units.length - active.length,
      parents: unitOptions(active, form.parentId),
      movable: unitOptions(
        active.filter((u) => u.depth > 0),
        moveForm.unitId,
      ),
      moveParents: unitOptions(active, moveForm.parentId),
      kinds: UNIT_KINDS.filter((k) => k !== 'bureau' || !hasRoot).map((k) => ({
        value: k,
        label: UNIT_KIND_LABELS[k],
        selected: k === form.kind,
      })),
      form,
      errors: extra.failure?.fields ?? {},
      errorMessage: extra.errorMessage ?? (extra.failure ? extra.failure.message : undefined),
      flash: extra.flash,
    };
  }
}
