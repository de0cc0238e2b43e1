import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager, In, IsNull, Not, Repository } from 'typeorm';
import type { Actor } from '../audit/audit-actor';
import { AuditService } from '../audit/audit.service';
import { AuthSession } from '../auth/entities/auth-session.entity';
import { passwordProblem, PasswordService } from '../auth/password.service';
import type { Principal } from '../auth/principal';
import { TransactionRunner } from '../database/transaction-runner';
import { openMemberships, recordMembership } from '../units/membership/record-membership';
import { isUniqueViolation } from '../database/unique-violation';
import { Unit } from '../units/entities/unit.entity';
import { ScopeService } from '../units/scope.service';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto } from './dto/user.dto';
import { User } from './entities/user.entity';
import { auditSnapshot, toUserView, UserView } from './user-view';
import { inUnitSubtreeOf, subtreePrefix } from '../database/sql/unit-subtree';
import { UserErrors } from './users.errors';
import { CommonErrors } from '../common/errors/common.errors';

/** Officers and staff: listing within the caller's scope, and the admin's create and update. */
@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Unit) private readonly units: Repository<Unit>,
    private readonly scope: ScopeService,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
  ) {}

  /** `unitId` means that unit and every unit below it; `q` matches name or username. */
  async list(me: Principal, query: ListUsersQueryDto): Promise<{ items: UserView[]; total: number }> {
    const qb = this.users.createQueryBuilder('u').orderBy('u.username', 'ASC');
    await this.scope.restrictUsers(me, qb, 'u');
    if (query.unitId) {
      await this.scope.assertCanSeeUnit(me, query.unitId);
      const unit = await this.units.findOneBy({ id: query.unitId });
      if (!unit) throw CommonErrors.unitNotFoundOrHidden();
      qb.innerJoin(Unit, 'filter_unit', 'filter_unit.id = u.unitId').andWhere(
        inUnitSubtreeOf('filter_unit.path', 'filterPath'),
        {
          filterPath: subtreePrefix(unit.path),
        },
      );
    }
    if (query.q) {
      const pattern = `%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere("(LOWER(u.username) LIKE :q ESCAPE '\\' OR LOWER(u.name) LIKE :q ESCAPE '\\')", {
        q: pattern,
      });
    }
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    if (query.status) qb.andWhere('u.disabled = :disabled', { disabled: query.status === 'disabled' });
    const [users, total] = await qb.take(query.limit).skip(query.offset).getManyAndCount();
    const unitIds = [...new Set(users.map((u) => u.unitId))];
    const units = unitIds.length ? await this.units.findBy({ id: In(unitIds) }) : [];
    const unitById = new Map(units.map((unit) => [unit.id, unit]));
    return { items: users.map((u) => toUserView(u, unitById.get(u.unitId))), total };
  }

  /** Out of the caller's scope reads as 404, like a user that does not exist. */
  async get(me: Principal, id: string): Promise<UserView> {
    const user = await this.users.findOneBy({ id });
    await this.scope.assertCanSeeUser(me, user);
    const found = user as User;
    return toUserView(found, await this.units.findOneBy({ id: found.unitId }));
  }

  async create(actor: Actor, dto: CreateUserDto): Promise<UserView> {
    const problem = passwordProblem(dto.password, dto.username);
    if (problem) throw UserErrors.passwordRejected(problem);
    const unit = await this.existingUnit(dto.unitId);
    if (await this.usernameExists(this.users.manager, dto.username)) throw UserErrors.usernameTaken();
    // Hash before the transaction: on SQLite writes queue behind each other, so keep them short.
    const passwordHash = await this.passwords.hash(dto.password);
    const id = randomUUID();
    try {
      await this.tx.run(async (em) => {
        if (await this.usernameExists(em, dto.username)) throw UserErrors.usernameTaken();
        const row = {
          id,
          username: dto.username,
          name: dto.name,
          role: dto.role,
          unitId: unit.id,
          disabled: false,
        };
        await em.insert(User, { ...row, passwordHash, mustChangePassword: true });
        await openMemberships(em, [row]);
        await this.audit.recordIn(em, actor, {
          action: 'user.create',
          entityType: 'user',
          entityId: id,
          after: auditSnapshot(row),
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw UserErrors.usernameTaken();
      throw error;
    }
    return toUserView(await this.users.findOneByOrFail({ id }), unit);
  }

  /**
   * Disabling ends all of the user's sessions in the same transaction; a password reset ends them
   * too, except the admin's own current session when admins reset their own password.
   */
  async update(actor: Actor, id: string, dto: UpdateUserDto): Promise<UserView> {
    const current = await this.users.findOneBy({ id });
    if (!current) throw CommonErrors.userNotFound();
    if (id === actor.id && (dto.disabled === true || (dto.role !== undefined && dto.role !== 'admin'))) {
      throw UserErrors.selfLockout(dto.disabled ? 'disabled' : 'role');
    }
    if (dto.password !== undefined) {
      const problem = passwordProblem(dto.password, current.username);
      if (problem) throw UserErrors.passwordRejected(problem);
    }
    // A disabled user may stay in a retired unit (history), but nobody joins one or becomes active in one.
    const keepsUnit = dto.unitId === undefined || dto.unitId === current.unitId;
    const unit = await this.existingUnit(dto.unitId ?? current.unitId, keepsUnit && dto.disabled !== false);
    const passwordHash = dto.password !== undefined ? await this.passwords.hash(dto.password) : undefined;

    await this.tx.run(async (em) => {
      const before = await em.findOneBy(User, { id });
      if (!before) throw CommonErrors.userNotFound();
      const changes: Partial<User> = {};
      if (dto.name !== undefined && dto.name !== before.name) changes.name = dto.name;
      if (dto.role !== undefined && dto.role !== before.role) changes.role = dto.role;
      if (dto.unitId !== undefined && dto.unitId !== before.unitId) changes.unitId = dto.unitId;
      if (dto.disabled !== undefined && dto.disabled !== !!before.disabled) changes.disabled = dto.disabled;
      if (Object.keys(changes).length === 0 && !passwordHash) return;

      await em.update(
        User,
        { id },
        { ...changes, ...(passwordHash ? { passwordHash, mustChangePassword: id !== actor.id } : {}) },
      );
      if (changes.unitId !== undefined || changes.role !== undefined || changes.disabled !== undefined) {
        await recordMembership(em, { ...before, ...changes });
      }
      if (changes.disabled === true) await this.endSessions(em, id);
      else if (passwordHash) await this.endSessions(em, id, actor.sessionId);
      await this.audit.recordIn(em, actor, {
        action:
          changes.disabled === true
            ? 'user.disable'
            : changes.disabled === false
              ? 'user.enable'
              : 'user.update',
        entityType: 'user',
        entityId: id,
        before: auditSnapshot(before),
        after: {
          ...auditSnapshot({ ...before, ...changes }),
          ...(passwordHash ? { passwordReset: true } : {}),
        },
      });
    });
    return toUserView(await this.users.findOneByOrFail({ id }), unit);
  }

  private async endSessions(em: EntityManager, userId: string, keepSessionId?: string): Promise<void> {
    await em.update(
      AuthSession,
      { userId, revokedAt: IsNull(), ...(keepSessionId ? { id: Not(keepSessionId) } : {}) },
      { revokedAt: new Date() },
    );
  }

  private async existingUnit(unitId: string, allowRetired = false): Promise<Unit> {
    const unit = await this.units.findOneBy({ id: unitId });
    if (!unit) throw UserErrors.unitNotFound();
    if (unit.retiredAt && !allowRetired) throw UserErrors.unitRetired();
    return unit;
  }

  /** Case-insensitive, like login (older rows may not be lowercased). */
  private usernameExists(em: EntityManager, username: string): Promise<boolean> {
    return em
      .createQueryBuilder(User, 'u')
      .where('LOWER(u.username) = :username', { username: username.toLowerCase() })
      .getExists();
  }
}
