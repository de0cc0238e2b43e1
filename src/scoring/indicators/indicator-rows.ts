import type { IndicatorDef } from './indicator-catalog';
import { level1Of, scoreOf } from './indicator-catalog';
import type { IndicatorRow, IndicatorScope } from './indicators.service';
import { DIMENSIONS } from '../model/capability-model';
import { toNumber } from '../../database/sql/raw-sql';

// Pure parts of IndicatorsService: platform values from the unitIndicatorsSql row, and the row shape.

export interface IndicatorValue {
  actual: number | null;
  basis: IndicatorRow['basis'];
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const rate = (n: number, d: number) => (d > 0 ? round2((100 * n) / d) : null);

/** The platform-computed indicator values from the one row of unitIndicatorsSql, by indicator code. */
export function platformValues(r: Record<string, unknown>): Record<string, IndicatorValue> {
  const n = (k: string) => toNumber(r[k]);
  const nullable = (k: string) => (r[k] === null || r[k] === undefined ? null : round2(Number(r[k])));
  const basis = (num: string, den: string) => ({
    actual: rate(n(num), n(den)),
    basis: { numerator: n(num), denominator: n(den) },
  });
  return {
    TRAINING_COVERAGE: basis('covered', 'officers'),
    PARTICIPATION_RATE: basis('sessionAttended', 'sessionSeats'),
    CREDIT_HOURS_AVG: {
      actual: n('officers') > 0 ? round2(n('hours') / n('officers')) : null,
      basis: { numerator: round2(n('hours')), denominator: n('officers') },
    },
    HOURS_MET_RATE: basis('hoursMet', 'officers'),
    EXAM_PASS_RATE: basis('quizPassed', 'quizPairs'),
    ANNUAL_EXAM_PASS_RATE: basis('examPassed', 'examPairs'),
    ON_TIME_COMPLETION: basis('dueOnTime', 'due'),
    CAPABILITY_AVG: { actual: nullable('scoreAvg'), basis: null },
    CAPABILITY_MET_RATE: basis('scoreMet', 'scored'),
    ...Object.fromEntries(
      DIMENSIONS.map((dim) => [`DIM_${dim.toUpperCase()}`, { actual: nullable(`dim_${dim}`), basis: null }]),
    ),
  };
}

export function indicatorRow(
  def: IndicatorDef,
  target: number,
  v: IndicatorValue,
  unitId: string,
  period: string,
  scope: IndicatorScope,
  frozen: boolean,
): IndicatorRow {
  return {
    code: def.code,
    name: def.name,
    category: def.category,
    level1: level1Of(def),
    level2: def.level2,
    unit: def.unit,
    source: def.source,
    target,
    actual: v.actual,
    met: v.actual === null ? null : v.actual >= target,
    points: def.points,
    score: scoreOf(def.points, target, v.actual),
    unitId,
    period,
    scope,
    basis: v.basis,
    frozen,
  };
}
