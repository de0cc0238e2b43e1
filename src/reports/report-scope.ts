import { membershipParams } from '../assignments/assignment-members.sql';
import { addDays } from '../common/time/bureau-time';
import type { Period } from '../scoring/indicators/periods';
import type { SqlDialect } from '../scoring/sql-dialect';
import { monthEndingAt } from '../scoring/period-end-scores.service';
import type { Unit } from '../units/entities/unit.entity';
import { subtreePrefix } from '../database/sql/unit-subtree';
import { memberAtOf } from '../units/membership/officers-in-period.sql';

/** The parameters every report statement shares: the unit subtree, the period and the status clock. */
export function reportParams(
  d: SqlDialect,
  unit: Unit,
  period: Period,
  graceDays: number,
  now = new Date(),
): Record<string, unknown> {
  return {
    ...membershipParams({}),
    no: false,
    yes: true,
    unitId: unit.id,
    prefix: subtreePrefix(unit.path),
    scopePrefix: subtreePrefix(unit.path),
    start: d.time(period.start),
    end: d.time(period.end),
    memberAt: d.time(memberAtOf(period.end, now)),
    now,
    graceCutoff: addDays(now, -graceDays),
    // the month-end capability pass of an ended period (period-end-scores.sql.ts)
    scoreMonth: monthEndingAt(period.end),
  };
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
export const round1 = (x: number) => round(x, 1);
export const round2 = (x: number) => round(x, 2);
/** Share as a percentage with one decimal; null without a denominator. */
export const pct = (n: number, d: number): number | null => (d > 0 ? round1((100 * n) / d) : null);
