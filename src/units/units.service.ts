import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager, IsNull, Not, Repository } from 'typeorm';
import type { Actor } from '../audit/audit-actor';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { AppError, badRequest, notFound } from '../common/errors/app-error';
import { TransactionRunner } from '../database/transaction-runner';
import { isUniqueViolation } from '../database/unique-violation';
import { CreateUnitDto, UpdateUnitDto } from './dto/unit.dto';
import { Unit } from './entities/unit.entity';
import { ScopeService } from './scope.service';
import { inTreeOrder, toUnitView, UnitView } from './unit-tree';

/** Room for ~25 levels of uuids in the 1000-character path column. */
const MAX_PATH_LENGTH = 1000;

/** The organisation tree: listing within the caller's scope, adding units, renaming them. */
@Injectable()
export class UnitsService {
  constructor(
    @InjectRepository(Unit) private readonly units: Repository<Unit>,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
  ) {}

  /** The whole tree for admins and trainers, the own subtree for a manager; in tree order. */
  async list(me: Principal): Promise<{ items: UnitView[]; total: number }> {
    const qb = this.units.createQueryBuilder('u');
    await this.scope.restrictUnits(me, qb, 'u');
    const items = inTreeOrder(await qb.getMany());
    return { items, total: items.length };
  }

  /** Every unit in tree order: for admin pages and pickers. */
  async all(): Promise<UnitView[]> {
    return inTreeOrder(await this.units.find());
  }

  async create(actor: Actor, dto: CreateUnitDto): Promise<UnitView> {
    try {
      return await this.tx.run(async (em) => {
        const id = randomUUID();
        const parentId = dto.parentId ?? null;
        const path = `${await this.parentPath(em, dto.kind, parentId)}${id}/`;
        if (path.length > MAX_PATH_LENGTH) throw badRequest('UNIT.TOO_DEEP', '单位层级过深', { parentId: 'too_deep' });
        await this.assertNameFree(em, dto.name, parentId);
        await em.insert(Unit, { id, name: dto.name, kind: dto.kind, parentId, path });
        const unit = await em.findOneByOrFail(Unit, { id });
        await this.audit.recordIn(em, actor, {
          action: 'unit.create',
          entityType: 'unit',
          entityId: id,
          after: { name: unit.name, kind: unit.kind, parentId },
        });
        return toUnitView(unit);
      });
    } catch (error) {
      // Unique indexes settle concurrent creates: one bureau, distinct sibling names.
      if (isUniqueViolation(error)) throw dto.kind === 'bureau' ? rootExists() : nameTaken();
      throw error;
    }
  }

  async rename(actor: Actor, id: string, dto: UpdateUnitDto): Promise<UnitView> {
    return this.tx.run(async (em) => {
      const unit = await em.findOneBy(Unit, { id });
      if (!unit) throw notFound('UNIT.NOT_FOUND', '单位不存在');
      if (dto.name === undefined || dto.name === unit.name) return toUnitView(unit);
      await this.assertNameFree(em, dto.name, unit.parentId, unit.id);
      await em.update(Unit, { id }, { name: dto.name });
      await this.audit.recordIn(em, actor, {
        action: 'unit.update',
        entityType: 'unit',
        entityId: id,
        before: { name: unit.name },
        after: { name: dto.name },
      });
      return toUnitView({ ...unit, name: dto.name });
    });
  }

  /** The bureau is the one root; every other unit hangs below an existing unit. */
  private async parentPath(em: EntityManager, kind: Unit['kind'], parentId: string | null): Promise<string> {
    if (kind === 'bureau') {
      if (parentId) throw badRequest('UNIT.BUREAU_MUST_BE_ROOT', '“局”只能作为最上级单位', { parentId: 'bureau_must_be_root' });
      if (await em.existsBy(Unit, { kind: 'bureau' })) throw rootExists();
      return '/';
    }
    if (!parentId) throw badRequest('VALIDATION.FAILED', '请选择上级单位', { parentId: 'required' });
    const parent = await em.findOneBy(Unit, { id: parentId });
    if (!parent) throw badRequest('UNIT.PARENT_NOT_FOUND', '上级单位不存在', { parentId: 'not_found' });
    return parent.path;
  }

  /** Sibling names stay distinct, so a unit name in a CSV import or a picker means one unit. */
  private async assertNameFree(em: EntityManager, name: string, parentId: string | null, exceptId?: string): Promise<void> {
    const taken = await em.existsBy(Unit, {
      name,
      parentId: parentId ?? IsNull(),
      ...(exceptId ? { id: Not(exceptId) } : {}),
    });
    if (taken) throw nameTaken();
  }
}

const nameTaken = () => new AppError(409, 'UNIT.NAME_TAKEN', '同一上级下已有同名单位', { name: 'name_taken' });
const rootExists = () => new AppError(409, 'UNIT.ROOT_EXISTS', '已存在最上级的局，不能再新增', { kind: 'root_exists' });
