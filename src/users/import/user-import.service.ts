import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import { randomUUID } from 'node:crypto';
import { In, IsNull, Repository } from 'typeorm';
import type { AuditActor } from '../../audit/audit.service';
import { AuditService } from '../../audit/audit.service';
import { passwordProblem, PasswordService } from '../../auth/password.service';
import { INVALID_CHARACTERS, uncleanCharacter } from '../../common/validation/is-clean-text';
import { TransactionRunner } from '../../database/transaction-runner';
import { withTimeout } from '../../queue/enqueue';
import { isUniqueViolation } from '../../database/unique-violation';
import { Unit } from '../../units/entities/unit.entity';
import { UserImport } from '../entities/user-import.entity';
import { User } from '../entities/user.entity';
import { NAME_MAX, normaliseUsername, parseRole, USERNAME_PATTERN } from '../user-rules';
import { RowSealer } from './sealed-rows';
import { ImportProblem, ImportRow, parseUserCsv } from './user-csv.parser';
import { NewUser, SYNC_IMPORT_MAX_ROWS, USER_IMPORT_QUEUE, UserImportJob } from './user-import.queue';
import { UserErrors } from '../users.errors';
import { openMemberships } from '../../units/membership/record-membership';

const INSERT_BATCH = 50;
/** argon2 runs on libuv's small thread pool, which the SQLite driver and file I/O share. */
const HASH_CONCURRENCY = 2;
/** Progress is written to user_imports every this many hashed rows. */
const PROGRESS_EVERY = 10;
const ENQUEUE_TIMEOUT_MS = 5000;

export type ImportOutcome =
  { kind: 'created'; created: number } | { kind: 'queued'; importId: string; total: number };

/**
 * CSV import of users, all rows or none: every row is checked first and every problem reported at
 * once (row, field, code). A clean small file is written within the request; a larger one is queued
 * (hashing a password takes a noticeable fraction of a second) and written by UserImportProcessor.
 * Either way the users are inserted in one transaction after every password is hashed.
 */
@Injectable()
export class UserImportService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Unit) private readonly units: Repository<Unit>,
    @InjectRepository(UserImport) private readonly imports: Repository<UserImport>,
    @InjectQueue(USER_IMPORT_QUEUE) private readonly queue: Queue<UserImportJob>,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly sealer: RowSealer,
  ) {}

  async import(actor: AuditActor, csv: string): Promise<ImportOutcome> {
    const parsed = parseUserCsv(csv);
    if (parsed.problems.length > 0) throw UserErrors.importInvalid(parsed.problems);
    const { users, problems } = await this.check(parsed.rows);
    if (problems.length > 0) throw UserErrors.importInvalid(problems);
    if (users.length <= SYNC_IMPORT_MAX_ROWS) {
      return { kind: 'created', created: await this.hashAndInsert(actor, users) };
    }
    return { kind: 'queued', importId: await this.enqueue(actor, users), total: users.length };
  }

  /** Admins only (the controller checks the role); an unknown id is 404. */
  async status(id: string): Promise<UserImport> {
    const row = await this.imports.findOneBy({ id: String(id).slice(0, 36) });
    if (!row) throw UserErrors.importNotFound();
    return row;
  }

  /**
   * Hashes every password (reporting progress), then inserts all users and the audit row in one
   * transaction; with `importId` the import is marked succeeded in that same transaction.
   */
  async hashAndInsert(actor: AuditActor, users: NewUser[], importId?: string): Promise<number> {
    const hashes = await mapLimit(
      users,
      HASH_CONCURRENCY,
      (u) => this.passwords.hash(u.password),
      async (done) => {
        if (importId && done % PROGRESS_EVERY === 0) {
          await this.tx.run((em) => em.update(UserImport, { id: importId }, { processed: done }));
        }
      },
    );
    const rows = users.map(({ password: _plain, ...user }, i) => ({
      ...user,
      disabled: false,
      passwordHash: hashes[i],
      mustChangePassword: true,
    }));
    try {
      await this.tx.run(async (em) => {
        for (let i = 0; i < rows.length; i += INSERT_BATCH) {
          await em.insert(User, rows.slice(i, i + INSERT_BATCH));
        }
        await openMemberships(em, rows);
        await this.audit.recordIn(em, actor, {
          action: 'user.import',
          entityType: 'user',
          entityId: importId,
          after: { created: rows.length, usernames: rows.map((r) => r.username) },
        });
        if (importId) {
          const done = {
            state: 'succeeded' as const,
            processed: rows.length,
            created: rows.length,
            finishedAt: new Date(),
          };
          // Marked interrupted meanwhile (its job was taken for an orphan): roll the users back too.
          if ((await em.update(UserImport, { id: importId, state: 'running' }, done)).affected === 0) {
            throw UserErrors.importEnded();
          }
        }
      });
    } catch (error) {
      // Someone took one of the usernames between the check and the insert.
      if (isUniqueViolation(error)) throw UserErrors.usernameTaken();
      throw error;
    }
    return rows.length;
  }

  private async enqueue(actor: AuditActor, users: NewUser[]): Promise<string> {
    const importId = randomUUID();
    await this.tx.run((em) =>
      em.insert(UserImport, {
        id: importId,
        actorId: actor.id,
        actorUsername: actor.username ?? '',
        state: 'queued',
        total: users.length,
      }),
    );
    try {
      const job: UserImportJob = {
        importId,
        actor: { id: actor.id, username: actor.username, ip: actor.ip ?? null },
        rows: this.sealer.seal(users),
      };
      // One attempt: a retry could not be told apart from a second import. Removed when it ends.
      // Bull waits for a reconnect while Redis is down: answer within seconds instead of hanging.
      await withTimeout(
        this.queue.add(job, { jobId: importId, attempts: 1, removeOnComplete: true, removeOnFail: true }),
        ENQUEUE_TIMEOUT_MS,
      );
    } catch {
      await this.markFailed(
        importId,
        'USER_IMPORT.QUEUE_UNAVAILABLE',
        '任务队列暂不可用，未导入任何用户，请稍后重新提交',
      );
      throw UserErrors.importQueueUnavailable();
    }
    return importId;
  }

  /** False when the import is no longer queued (another process ended it). */
  async markRunning(importId: string): Promise<boolean> {
    const result = await this.tx.run((em) =>
      em.update(UserImport, { id: importId, state: 'queued' }, { state: 'running' }),
    );
    return result.affected !== 0;
  }

  /** Only an import still queued or running: a late failure never overwrites a finished import. */
  async markFailed(importId: string, failureCode: string, failureMessage: string): Promise<void> {
    await this.tx.run((em) =>
      em.update(
        UserImport,
        { id: importId, state: In(['queued', 'running']) },
        { state: 'failed', failureCode, failureMessage, finishedAt: new Date() },
      ),
    );
  }

  private async check(rows: ImportRow[]): Promise<{ users: NewUser[]; problems: ImportProblem[] }> {
    const units = await this.units.findBy({ retiredAt: IsNull() }); // a retired unit takes no new people
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
      else if (uncleanCharacter(row.name)) problem('name', INVALID_CHARACTERS);

      const passwordCode = row.password ? passwordProblem(row.password, username) : 'required';
      if (passwordCode) problem('password', passwordCode);

      const role = row.role ? parseRole(row.role) : null;
      if (!row.role) problem('role', 'required');
      else if (!role) problem('role', 'invalid_role');

      const matches = unitById.has(row.unit)
        ? [unitById.get(row.unit) as Unit]
        : (unitsByName.get(row.unit) ?? []);
      if (!row.unit) problem('unit', 'required');
      else if (matches.length === 0) problem('unit', 'unknown_unit');
      else if (matches.length > 1) problem('unit', 'ambiguous_unit');

      if (role && matches.length === 1) {
        users.push({
          id: randomUUID(),
          username,
          name: row.name,
          role,
          unitId: matches[0].id,
          password: row.password,
        });
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

async function mapLimit<T, R>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<R>,
  onDone?: (done: number) => Promise<void>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
      await onDone?.(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
