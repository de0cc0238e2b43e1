import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager, IsNull, Not, Repository } from 'typeorm';
import type { Actor } from '../audit/audit-actor';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { TransactionRunner } from '../database/transaction-runner';
import { isUniqueViolation } from '../database/unique-violation';
import { User } from '../users/entities/user.entity';
import { CreateUnitDto, MoveUnitDto, UpdateUnitDto } from './dto/unit.dto';
import { Unit } from './entities/unit.entity';
import { ScopeService } from './scope.service';
import { inTreeOrder, toUnitView, UnitView, withMemberCounts } from './unit-tree';
import { inUnitSubtreeOf, subtreePrefix } from '../database/sql/unit-subtree';
import { CommonErrors } from '../common/errors/common.errors';
import { UnitErrors } from './units.errors';

/** Room for ~25 levels of uuids in the 1000-character path column. */
const MAX_PATH_LENGTH = 1000;

/** The organisation tree: listing within the caller's scope with member counts; adding, renaming, moving and retiring units. */
@Injectable()
export class UnitsService {
  constructor(
    @InjectRepository(Unit) private readonly units: Repository<Unit>,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
  ) {}

  /**
   * The whole tree for admins and trainers, the own subtree for a manager; in tree order, retired
   * units included (flagged), each with its member counts.
   */
  async list(me: Principal): Promise<{ items: UnitView[]; total: number }> {
    const qb = this.units.createQueryBuilder('u');
    await this.scope.restrictUnits(me, qb, 'u');
    const units = await qb.getMany();
    const items = withMemberCounts(
      inTreeOrder(units),
      new Map(units.map((u) => [u.id, u.path])),
      await this.memberCounts(),
    );
    return { items, total: items.length };
  }

  /** Every unit in tree order, retired ones included: for the admin tree and filters over history. */
  async all(): Promise<UnitView[]> {
    return inTreeOrder(await this.units.find());
  }

  /** Units in use, in tree order: for pickers (new users, moves, new assignments). */
  async active(): Promise<UnitView[]> {
    return inTreeOrder(await this.units.findBy({ retiredAt: IsNull() }));
  }

  /** Active users per unit, in one grouped query. */
  private async memberCounts(): Promise<Map<string, number>> {
    const rows = await this.units.manager
      .createQueryBuilder(User, 'u')
      .select('u.unitId', 'unitId')
      .addSelect('COUNT(*)', 'n')
      .where('u.disabled = :disabled', { disabled: false })
      .groupBy('u.unitId')
      .getRawMany<{ unitId: string; n: string | number }>();
    return new Map(rows.map((r) => [r.unitId, Number(r.n)]));
  }

  /**
   * Moves a unit (and its whole subtree) under another parent. Never into its own subtree, never
   * under a retired unit; the materialised paths of the subtree are rewritten in the same transaction.
   */
  async move(actor: Actor, id: string, dto: MoveUnitDto): Promise<UnitView> {
    try {
      return await this.tx.run(async (em) => {
        await lockTree(em);
        const unit = await em.findOneBy(Unit, { id });
        if (!unit) throw CommonErrors.unitNotFound();
        if (unit.kind === 'bureau' || !unit.parentId) throw UnitErrors.rootCannotMove();
        if (unit.retiredAt) throw UnitErrors.retired();
        if (dto.parentId === unit.parentId) return toUnitView(unit);
        const parent = await em.findOneBy(Unit, { id: dto.parentId });
        if (!parent) throw UnitErrors.parentNotFound();
        if (parent.path.startsWith(unit.path)) {
          throw UnitErrors.moveIntoSubtree();
        }
        if (parent.retiredAt) throw UnitErrors.parentRetired();
        await this.assertNameFree(em, unit.name, parent.id, unit.id);
        const newPath = `${parent.path}${unit.id}/`;
        const subtree = await em
          .createQueryBuilder(Unit, 'u')
          .where(inUnitSubtreeOf('u.path', 'prefix'), { prefix: subtreePrefix(unit.path) })
          .getMany();
        if (subtree.some((u) => newPath.length + u.path.length - unit.path.length > MAX_PATH_LENGTH)) {
          throw UnitErrors.tooDeepAfterMove();
        }
        for (const u of subtree) {
          await em.update(
            Unit,
            { id: u.id },
            {
              path: newPath + u.path.slice(unit.path.length),
              ...(u.id === unit.id ? { parentId: parent.id } : {}),
            },
          );
        }
        await this.audit.recordIn(em, actor, {
          action: 'unit.move',
          entityType: 'unit',
          entityId: id,
          before: { parentId: unit.parentId },
          after: { parentId: parent.id, movedUnits: subtree.length },
        });
        return toUnitView(await em.findOneByOrFail(Unit, { id }));
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw UnitErrors.nameTaken();
      throw error;
    }
  }

  /**
   * Retires a unit: it keeps its history but leaves pickers and new assignments. Refused while it has
   * active users or active units below it (they would be left in a unit nobody can pick).
   */
  async retire(actor: Actor, id: string): Promise<UnitView> {
    return this.tx.run(async (em) => {
      await lockTree(em);
      const unit = await em.findOneBy(Unit, { id });
      if (!unit) throw CommonErrors.unitNotFound();
      if (unit.kind === 'bureau' || !unit.parentId) throw UnitErrors.rootCannotRetire();
      if (unit.retiredAt) return toUnitView(unit);
      const people = await em.countBy(User, { unitId: id, disabled: false });
      if (people > 0) {
        throw UnitErrors.hasActiveUsers(people);
      }
      const children = await em.countBy(Unit, { parentId: id, retiredAt: IsNull() });
      if (children > 0) {
        throw UnitErrors.hasActiveChildren(children);
      }
      const retiredAt = new Date();
      await em.update(Unit, { id }, { retiredAt });
      await this.audit.recordIn(em, actor, {
        action: 'unit.retire',
        entityType: 'unit',
        entityId: id,
        before: { retired: false },
        after: { retired: true },
      });
      return toUnitView({ ...unit, retiredAt });
    });
  }

  async create(actor: Actor, dto: CreateUnitDto): Promise<UnitView> {
    try {
      return await this.tx.run(async (em) => {
        await lockTree(em);
        const id = randomUUID();
        const parentId = dto.parentId ?? null;
        const path = `${await this.parentPath(em, dto.kind, parentId)}${id}/`;
        if (path.length > MAX_PATH_LENGTH) throw UnitErrors.tooDeep();
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
      if (isUniqueViolation(error)) {
        throw dto.kind === 'bureau' ? UnitErrors.rootExists() : UnitErrors.nameTaken();
      }
      throw error;
    }
  }

  async rename(actor: Actor, id: string, dto: UpdateUnitDto): Promise<UnitView> {
    return this.tx.run(async (em) => {
      const unit = await em.findOneBy(Unit, { id });
      if (!unit) throw CommonErrors.unitNotFound();
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
      if (parentId) throw UnitErrors.bureauMustBeRoot();
      if (await em.existsBy(Unit, { kind: 'bureau' })) throw UnitErrors.rootExists();
      return '/';
    }
    if (!parentId) throw UnitErrors.parentIdRequired();
    const parent = await em.findOneBy(Unit, { id: parentId });
    if (!parent) throw UnitErrors.parentNotFound();
    if (parent.retiredAt) throw UnitErrors.parentRetired();
    return parent.path;
  }

  /** Sibling names stay distinct, so a unit name in a CSV import or a picker means one unit. */
  private async assertNameFree(
    em: EntityManager,
    name: string,
    parentId: string | null,
    exceptId?: string,
  ): Promise<void> {
    const taken = await em.existsBy(Unit, {
      name,
      parentId: parentId ?? IsNull(),
      ...(exceptId ? { id: Not(exceptId) } : {}),
    });
    if (taken) throw UnitErrors.nameTaken();
  }
}

/**
 * Tree writes (add, move, retire) take one transaction-scoped lock on PostgreSQL, so a unit added below
 * a unit that is being moved reads the new path, not the old one. SQLite already serialises writes.
 */
async function lockTree(em: EntityManager): Promise<void> {
  if (em.connection.options.type === 'postgres') await em.query('SELECT pg_advisory_xact_lock(7140601)');
}
