import { EntityManager } from 'typeorm';
import { rawRows, toNumber } from '../database/sql/raw-sql';
import { inUnitSubtree } from '../database/sql/unit-subtree';
import { Role, ROLES } from '../users/entities/user.entity';
import type { CreateNoticeDto } from './dto/notice.dto';
import { NoticeErrors } from './notices.errors';

/** Whom a notice is for, as the form or API call named them (before any target row exists). */
export interface NoticeAudience {
  unitIds: string[];
  includeSubtree: boolean;
  roles: Role[];
  userIds: string[];
  wholeBureau: boolean;
}

/**
 * A notice needs a scope chosen on purpose: units or named people, or 全局 ticked. Roles alone reach
 * the whole bureau, which the old form did at its defaults (31 officers in 8 units), so they need 全局.
 */
export function checkScope(a: NoticeAudience): void {
  if (a.unitIds.length + a.userIds.length > 0 || a.wholeBureau) return;
  throw a.roles.length > 0 ? NoticeErrors.wholeBureauNotChosen() : NoticeErrors.noTargets();
}

const unique = <T>(list: T[] | undefined): T[] => [...new Set(list ?? [])];

/** The audience of a request, its scope checked; 全局 with nothing else named means every role. */
export function audienceOf(dto: CreateNoticeDto): NoticeAudience {
  const a: NoticeAudience = {
    unitIds: unique(dto.unitIds),
    includeSubtree: dto.includeSubtree ?? true,
    roles: unique(dto.roles),
    userIds: unique(dto.userIds),
    wholeBureau: dto.wholeBureau === true,
  };
  checkScope(a);
  if (a.wholeBureau && a.roles.length === 0 && a.unitIds.length === 0) a.roles = [...ROLES];
  return a;
}

/**
 * How many active people (and in how many units) the audience reaches now: the same rules as
 * noticeMembersSql over the target rows send() will write, asked before sending for the confirmation.
 */
export async function audienceSize(
  em: EntityManager,
  a: NoticeAudience,
): Promise<{ recipients: number; units: number }> {
  const reach: string[] = [];
  if (a.userIds.length) reach.push(`u."id" IN (:...userIds)`);
  if (a.unitIds.length) {
    const inUnit = a.includeSubtree ? inUnitSubtree('uu."path"', 'tu."path"') : `tu."id" = uu."id"`;
    const roleOk = a.roles.length ? ` AND u."role" IN (:...roles)` : '';
    reach.push(`(EXISTS (SELECT 1 FROM units tu WHERE tu."id" IN (:...unitIds) AND ${inUnit})${roleOk})`);
  } else if (a.roles.length) {
    reach.push(`u."role" IN (:...roles)`);
  }
  const [row] = await rawRows<Record<string, unknown>>(
    em,
    `SELECT COUNT(DISTINCT u."id") AS "recipients", COUNT(DISTINCT u."unitId") AS "units"
       FROM users u JOIN units uu ON uu."id" = u."unitId"
      WHERE u."disabled" = :no AND (${reach.join(' OR ') || '1 = 0'})`,
    { no: false, userIds: a.userIds, unitIds: a.unitIds, roles: a.roles },
  );
  return { recipients: toNumber(row?.recipients), units: toNumber(row?.units) };
}
