import type { AppConfig } from '../config/app-config';
import { CAP2_DEFAULTS, type Cap2Config } from './model/cap2/cap2-model';

/**
 * 能力达标 as configured (CAPABILITY_PASS_MARK, CAPABILITY_DIMENSION_FLOOR): the numbers the scoring
 * run applies (stored as capability_scores."meetsTarget", which every report reads) and the sentence
 * the pages print, from one place so the page never states a rule the run did not apply.
 */
export type TargetRule = Pick<Cap2Config, 'passMark' | 'dimensionFloor' | 'minRatedDimensions'>;

export function targetRuleOf(config: AppConfig): TargetRule {
  return {
    passMark: config.get('CAPABILITY_PASS_MARK'),
    dimensionFloor: config.get('CAPABILITY_DIMENSION_FLOOR'),
    minRatedDimensions: CAP2_DEFAULTS.minRatedDimensions,
  };
}

/** 「达标规则：总分 80% 区间下限 ≥ 60，且已评定维度均不低于 50 …」 with the configured numbers. */
export function targetRuleText(rule: TargetRule): string {
  return (
    `达标规则：总分 80% 区间下限 ≥ ${rule.passMark}，且已评定维度均不低于 ${rule.dimensionFloor}；` +
    `至少 ${rule.minRatedDimensions} 个维度已评定才有总分。`
  );
}

/**
 * Stored cap-2 rows whose 达标 disagrees with `rule` (a pass mark or floor changed since they were
 * scored). Parameters :passMark, :floor (fraction: <dim>Mastery is value / 100), :yes. A row exactly
 * on a boundary may count by rounding: the answer only prompts a full run, which is harmless.
 */
export function staleTargetSql(dimensions: readonly string[]): string {
  const floors = dimensions
    .map((d) => `(cs."${d}Mastery" IS NULL OR cs."${d}Mastery" >= :floor)`)
    .join(' AND ');
  const meets = `(cs."rated" = :yes AND cs."scoreLower" >= :passMark AND ${floors})`;
  return (
    `SELECT COUNT(*) AS "n" FROM capability_scores cs WHERE cs."formulaVersion" = 'cap-2'` +
    ` AND ((cs."meetsTarget" = :yes AND NOT ${meets}) OR (cs."meetsTarget" <> :yes AND ${meets}))`
  );
}
