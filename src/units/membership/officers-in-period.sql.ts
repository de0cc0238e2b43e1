import { inUnitSubtreeOf } from '../../database/sql/unit-subtree';

/**
 * The officers of a unit for a period (issue 18; docs/reports.md "Officers of a period"), decided
 * here only. An officer belongs to the unit's figures for a period when their membership row open at
 * `:memberAt` has the role officer and a unit in the scope (own unit: `:unitId`; subtree: the unit
 * path prefix `:prefix`, by today's paths). `:memberAt` is the period's end, or now while the period
 * is still running (memberAtOf): an officer who moved mid-period counts for the unit they belonged
 * to at the end, and a disabled officer (no open row) for none. A unit created after `:memberAt` has
 * no officers for the period (its rows all start later).
 * Columns: "id" (the user) and "unitId" (their unit at `:memberAt`).
 */
export function officersInPeriodSql(scope: 'own' | 'subtree', alias = 'pm'): string {
  const inScope =
    scope === 'own' ? `${alias}."unitId" = :unitId` : inUnitSubtreeOf(`${alias}u."path"`, 'prefix');
  return (
    `SELECT ${alias}."userId" AS "id", ${alias}."unitId" AS "unitId" FROM unit_memberships ${alias}` +
    ` JOIN units ${alias}u ON ${alias}u."id" = ${alias}."unitId"` +
    ` WHERE ${alias}."role" = 'officer' AND ${memberAt(alias, ':memberAt')} AND ${inScope}`
  );
}

/** The row `alias` was open just before the instant `atSql` (period ends are exclusive). */
const memberAt = (alias: string, atSql: string): string =>
  `${alias}."validFrom" < ${atSql} AND (${alias}."validTo" IS NULL OR ${alias}."validTo" >= ${atSql})`;

/**
 * The user `userSql` was an active member of the bureau (any unit) at `atSql`: an assignment due
 * before they joined, or while they were disabled, never counts against them.
 */
export const wasMemberAtSql = (userSql: string, atSql: string, alias = 'wm'): string =>
  `EXISTS (SELECT 1 FROM unit_memberships ${alias} WHERE ${alias}."userId" = ${userSql} AND ${memberAt(alias, atSql)})`;

/** The instant whose members are a period's officers: its end, or `now` for a period still running. */
export const memberAtOf = (periodEnd: Date, now: Date): Date => (periodEnd < now ? periodEnd : now);

/** A unit had not been created by the instant whose members count: its figures are empty, not 0. */
export const unitExistedBy = (unit: { createdAt: Date }, periodEnd: Date, now: Date): boolean =>
  unit.createdAt < memberAtOf(periodEnd, now);
