import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, type Actor } from '../../audit/audit-actor';
import { CurrentUser, Roles } from '../../auth/decorators/auth.decorators';
import type { Principal } from '../../auth/principal';
import { blankToUndefined, formFailure, FormFailure, parseForm } from '../../common/forms/form-validation';
import { buildPager, pageWindow } from '../../common/views/pager';
import { UnitsService } from '../../units/units.service';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto, USER_STATUSES, UserStatus } from '../dto/user.dto';
import { ROLES, Role } from '../entities/user.entity';
import { UsersService } from '../users.service';
import { flashFor, unitOptions } from '../../common/views/page-options';
import { roleOptions } from './role-options';
import { formText } from '../../common/views/form-body';

const PAGE_SIZE = 30;
const STATUS_LABELS: Record<UserStatus, string> = { active: '正常', disabled: '已停用' };
const FLASH = {
  created: '用户已创建',
  updated: '已保存',
  disabled: '用户已停用，其登录会话已全部结束',
  enabled: '用户已启用',
  password: '密码已重置',
};

type FormBody = Record<string, unknown>;

/** /admin/users: list with filters, add a user, and a page per user to edit, disable and reset. */
@ApiExcludeController()
@Controller('admin/users')
@Roles('admin')
export class UsersPagesController {
  constructor(
    private readonly users: UsersService,
    private readonly units: UnitsService,
  ) {}

  @Get()
  async index(@CurrentUser() me: Principal, @Query() raw: Record<string, unknown>, @Res() res: Response) {
    // A repeated parameter arrives as an array: keep plain strings only.
    const query = Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === 'string')) as Record<
      string,
      string
    >;
    return res.render(
      'admin/users/index',
      await this.listView(me, query, { flash: flashFor(FLASH, query.ok) }),
    );
  }

  @Post()
  async create(
    @CurrentUser() me: Principal,
    @CurrentActor() actor: Actor,
    @Body() body: FormBody,
    @Res() res: Response,
  ) {
    try {
      const user = await this.users.create(actor, await parseForm(CreateUserDto, blankToUndefined(body)));
      return res.redirect(303, `/admin/users/${user.id}?ok=created`);
    } catch (error) {
      const failure = formFailure(error);
      if (!failure) throw error;
      const { password: _never, ...form } = body;
      return res
        .status(failure.status)
        .render('admin/users/index', await this.listView(me, {}, { form, failure }));
    }
  }

  @Get(':id')
  async show(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Query('ok') ok: unknown,
    @Res() res: Response,
  ) {
    return res.render('admin/users/edit', await this.editView(me, id, { flash: flashFor(FLASH, ok) }));
  }

  @Post(':id')
  async update(
    @CurrentUser() me: Principal,
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: FormBody,
    @Res() res: Response,
  ) {
    const { name, role, unitId } = body;
    const work = async () =>
      this.users.update(actor, id, await parseForm(UpdateUserDto, { name: name ?? '', role, unitId }));
    return this.save(me, id, res, 'updated', 'profile', work, { name, role, unitId });
  }

  @Post(':id/status')
  async status(
    @CurrentUser() me: Principal,
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: FormBody,
    @Res() res: Response,
  ) {
    const disabled = body.disabled === 'true';
    return this.save(me, id, res, disabled ? 'disabled' : 'enabled', 'status', () =>
      this.users.update(actor, id, { disabled }),
    );
  }

  @Post(':id/password')
  async password(
    @CurrentUser() me: Principal,
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: FormBody,
    @Res() res: Response,
  ) {
    const password = formText(body.password);
    return this.save(me, id, res, 'password', 'password', () => this.users.update(actor, id, { password }));
  }

  /** PRG on success; a rejected form re-renders the edit page with its messages beside the form. */
  private async save(
    me: Principal,
    id: string,
    res: Response,
    ok: keyof typeof FLASH,
    formName: string,
    work: () => Promise<unknown>,
    form: FormBody = {},
  ) {
    try {
      await work();
      return res.redirect(303, `/admin/users/${id}?ok=${ok}`);
    } catch (error) {
      const failure = formFailure(error);
      if (!failure || failure.status === 404) throw error;
      return res
        .status(failure.status)
        .render('admin/users/edit', await this.editView(me, id, { failure, formName, form }));
    }
  }

  private async listView(
    me: Principal,
    query: Record<string, string | undefined>,
    extra: { form?: FormBody; failure?: FormFailure; flash?: unknown },
  ) {
    const [units, activeUnits] = await Promise.all([this.units.all(), this.units.active()]);
    const q = query.q?.trim().slice(0, 100) || undefined;
    const unitId = units.some((u) => u.id === query.unitId) ? query.unitId : undefined;
    const { page, limit, offset } = pageWindow(query.page, PAGE_SIZE);
    const role = (ROLES as readonly string[]).includes(query.role ?? '') ? (query.role as Role) : undefined;
    const status = (USER_STATUSES as readonly string[]).includes(query.status ?? '')
      ? (query.status as UserStatus)
      : undefined;
    const filter = Object.assign(new ListUsersQueryDto(), { limit, offset, q, unitId, role, status });
    const { items, total } = await this.users.list(me, filter);
    const form = extra.form ?? {};
    return {
      title: '用户管理',
      users: items,
      q,
      total,
      filterUnits: unitOptions(units, unitId),
      filterRoles: roleOptions(role),
      filterStatuses: USER_STATUSES.map((s) => ({
        value: s,
        label: STATUS_LABELS[s],
        selected: s === status,
      })),
      filtered: !!(q || unitId || role || status),
      pager: buildPager('/admin/users', { q, unitId, role, status }, page, PAGE_SIZE, total),
      form,
      formUnits: unitOptions(activeUnits, form.unitId),
      formRoles: roleOptions(form.role ?? 'officer'),
      errors: extra.failure?.fields ?? {},
      errorMessage: extra.failure?.message,
      flash: extra.flash,
    };
  }

  /** The profile form shows what was submitted when it was rejected, the saved values otherwise. */
  private async editView(
    me: Principal,
    id: string,
    extra: { failure?: FormFailure; formName?: string; form?: FormBody; flash?: unknown },
  ) {
    const [user, all] = await Promise.all([this.users.get(me, id), this.units.all()]);
    // Retired units are offered only to keep showing where a (disabled) user already is.
    const units = all.filter((u) => !u.retired || u.id === user.unitId);
    const profile = { name: user.name, role: user.role, unitId: user.unitId, ...extra.form };
    return {
      title: `用户 · ${user.name}`,
      user,
      profile,
      isSelf: user.id === me.id,
      units: unitOptions(units, profile.unitId),
      roles: roleOptions(profile.role),
      formName: extra.formName,
      errors: extra.failure?.fields ?? {},
      errorMessage: extra.failure?.message,
      flash: extra.flash,
    };
  }
}
