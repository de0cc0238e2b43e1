import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import type { Actor } from '../../audit/audit-actor';
import { AuditService } from '../../audit/audit.service';
import { passwordProblem, PasswordService } from '../../auth/password.service';
import { AppError } from '../../common/errors/app-error';
import { TransactionRunner } from '../../database/transaction-runner';
import { isUniqueViolation } from '../../database/unique-violation';
import { Unit } from '../../units/entities/unit.entity';
import { Role, User } from '../entities/user.entity';
import { NAME_MAX, normaliseUsername, parseRole, USERNAME_PATTERN } from '../user-rules';
import { usernameTaken } from '../users.service';
import { ImportProblem, ImportRow, parseUserCsv } from './user-csv.parser';

const INSERT_BATCH = 50;
/** argon2 runs on libuv's small thread pool, which the SQLite driver and file I/O share. */
const HASH_CONCURRENCY = 2;

interface NewUser {
  id: string;
  username: string;
  name: string;
  role: Role;
  unitId: string;
  password: string;
}

const invalid = (errors: ImportProblem[]) =>
  new AppError(400, 'USER_IMPORT.INVALID', `导入文件有 ${errors.length} 处问题，未导入任何用户`, errors);

/**
 * CSV import of users, all rows or none: every row is checked first and every problem reported
 * (row, field, code); only a clean file is inserted, in one transaction.
 */
@Injectable()
export class UserImportService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Unit) private readonly units: Repository<Unit>,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
  ) {}

  async import(actor: Actor, csv: string): Promise<{ created: number }> {
    const parsed = parseUserCsv(csv);
    if (parsed.problems.length > 0) throw invalid(parsed.problems);
    const { users, problems } = await this.check(parsed.rows);
    if (problems.length > 0) throw invalid(problems);

    const hashes = await mapLimit(users, HASH_CONCURRENCY, (u) => this.passwords.hash(u.password));
    const rows = users.map(({ password: _plain, ...user }, i) => ({ ...user, disabled: false, passwordHash: hashes[i], mustChangePassword: true }));
    try {
      await this.tx.run(async (em) => {
        for (let i = 0; i < rows.length; i += INSERT_BATCH) await em.insert(User, rows.slice(i, i + INSERT_BATCH));
        await this.audit.recordIn(em, actor, {
          action: 'user.import',
          entityType: 'user',
          after: { created: rows.length, usernames: rows.map((r) => r.username) },
        });
      });
    } catch (error) {
      // Someone took one of the usernames between the check and the insert.
      if (isUniqueViolation(error)) throw usernameTaken();
      throw error;
    }
    return { created: rows.length };
  }

  private async check(rows: ImportRow[]): Promise<{ users: NewUser[]; problems: ImportProblem[] }> {
    const units = await this.units.find();
    const unitById = new Map(units.map((u) => [u.id, u]));
    const unitsByName = new Map<string, Unit[]>();
    for (const unit of units) unitsByName.set(unit.name, [...(unitsByName.get(unit.name) ?? []), unit]);
    const taken = await this.takenUsernames(rows.map((r) => normaliseUsername(r.username)).filter(Boolean));

    const problems: ImportProblem[] = [];
    const users: NewUser[] = [];
    const seen = new Set<string>();
    for (const row of rows) {
      const problem = (field: string, code: string) => problems.push({ row: row.row, field, code });
      const username = normaliseUsername(row.username);
      if (!username) problem('username', 'required');
      else if (!USERNAME_PATTERN.test(username)) problem('username', 'invalid_username');
      else if (seen.has(username)) problem('username', 'duplicate_in_file');
      else if (taken.has(username)) problem('username', 'username_taken');
      if (username) seen.add(username);

      if (!row.name) problem('name', 'required');
      else if ([...row.name].length > NAME_MAX) problem('name', 'too_long');

      const passwordCode = row.password ? passwordProblem(row.password, username) : 'required';
      if (passwordCode) problem('password', passwordCode);

      const role = row.role ? parseRole(row.role) : null;
      if (!row.role) problem('role', 'required');
      else if (!role) problem('role', 'invalid_role');

      const matches = unitById.has(row.unit) ? [unitById.get(row.unit) as Unit] : (unitsByName.get(row.unit) ?? []);
      if (!row.unit) problem('unit', 'required');
      else if (matches.length === 0) problem('unit', 'unknown_unit');
      else if (matches.length > 1) problem('unit', 'ambiguous_unit');

      if (role && matches.length === 1) {
        users.push({ id: randomUUID(), username, name: row.name, role, unitId: matches[0].id, password: row.password });
      }
    }
    return { users, problems };
  }

  /** One query for the whole file (case-insensitive, like login). */
  private async takenUsernames(usernames: string[]): Promise<Set<string>> {
    if (usernames.length === 0) return new Set();
    const rows = await this.users
      .createQueryBuilder('u')
      .select('LOWER(u.username)', 'username')
      .where('LOWER(u.username) IN (:...usernames)', { usernames })
      .getRawMany<{ username: string }>();
    return new Set(rows.map((r) => r.username));
  }
}

async function mapLimit<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
