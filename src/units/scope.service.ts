import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, SelectQueryBuilder, ObjectLiteral } from 'typeorm';
import type { Principal } from '../auth/principal';
import type { AppError } from '../common/errors/app-error';
import { CommonErrors } from '../common/errors/common.errors';
import type { Role } from '../users/entities/user.entity';
import { Unit } from './entities/unit.entity';
import { inUnitSubtreeOf, subtreePrefix } from '../database/sql/unit-subtree';

/**
 * Data scope, in one place. Admins and trainers work bureau-wide; a manager reaches their own unit
 * and every unit below it; an officer reaches only their own records. Out of scope reads as 404.
 * People's records: trainers reach officers (whom they assign and follow) and themselves, not the
 * records of admins, managers or other trainers (docs/api-notes.md, "Who reads whom").
 */
@Injectable()
export class ScopeService {
  constructor(@InjectRepository(Unit) private readonly units: Repository<Unit>) {}

  /** The path prefix of the caller's subtree, or null when the caller is not limited by unit. */
  async unitPathPrefix(me: Principal): Promise<string | null> {
    if (me.role === 'admin' || me.role === 'trainer') return null;
    const unit = await this.units.findOneByOrFail({ id: me.unitId });
    return unit.path;
  }

  /** Restricts a query on users (aliased `userAlias`) to what the caller may see. */
  async restrictUsers<T extends ObjectLiteral>(
    me: Principal,
    qb: SelectQueryBuilder<T>,
    userAlias: string,
  ): Promise<SelectQueryBuilder<T>> {
    if (me.role === 'officer') return qb.andWhere(`${userAlias}.id = :scopeSelf`, { scopeSelf: me.id });
    if (me.role === 'trainer') {
      return qb.andWhere(`(${userAlias}.role = :scopeOfficer OR ${userAlias}.id = :scopeSelf)`, {
        scopeOfficer: 'officer',
        scopeSelf: me.id,
      });
    }
    const prefix = await this.unitPathPrefix(me);
    if (prefix === null) return qb;
    return qb
      .innerJoin(Unit, 'scope_unit', `scope_unit.id = ${userAlias}.unitId`)
      .andWhere(inUnitSubtreeOf('scope_unit.path', 'scopePrefix'), { scopePrefix: subtreePrefix(prefix) });
  }

  /** Restricts a query on units (aliased `unitAlias`) to the caller's subtree. */
  async restrictUnits<T extends ObjectLiteral>(
    me: Principal,
    qb: SelectQueryBuilder<T>,
    unitAlias: string,
  ): Promise<SelectQueryBuilder<T>> {
    if (me.role === 'officer') return qb.andWhere(`${unitAlias}.id = :scopeUnit`, { scopeUnit: me.unitId });
    const prefix = await this.unitPathPrefix(me);
    return prefix === null
      ? qb
      : qb.andWhere(inUnitSubtreeOf(`${unitAlias}.path`, 'scopePrefix'), {
          scopePrefix: subtreePrefix(prefix),
        });
  }

  async canSeeUnit(me: Principal, unitId: string): Promise<boolean> {
    if (me.role === 'officer') return unitId === me.unitId;
    const prefix = await this.unitPathPrefix(me);
    if (prefix === null) return true;
    const unit = await this.units.findOneBy({ id: unitId });
    return !!unit && unit.path.startsWith(prefix);
  }

  /** `role` given: a person's record (trainers reach officers only); left out: their learning artefacts. */
  async canSeeUser(me: Principal, user: { id: string; unitId: string; role?: Role }): Promise<boolean> {
    if (me.role === 'officer') return user.id === me.id;
    if (me.role === 'trainer' && user.role !== undefined && user.role !== 'officer' && user.id !== me.id) {
      return false;
    }
    return this.canSeeUnit(me, user.unitId);
  }

  async assertCanSeeUser(
    me: Principal,
    user: { id: string; unitId: string; role?: Role } | null,
    refuse: () => AppError = CommonErrors.userNotFoundOrHidden,
  ): Promise<void> {
    if (!user || !(await this.canSeeUser(me, user))) throw refuse();
  }

  async assertCanSeeUnit(me: Principal, unitId: string): Promise<void> {
    if (!(await this.canSeeUnit(me, unitId))) throw CommonErrors.unitNotFoundOrHidden();
  }
}
