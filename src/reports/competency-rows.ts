import { DIMENSION_LABELS } from '../content/dimensions';
import { toNumber } from '../database/sql/raw-sql';
import { toChineseNumber } from '../common/text/chinese-numerals';
import type { IndicatorRow } from '../scoring/indicators/indicators.service';
import type { Period } from '../scoring/indicators/periods';
import { DIMENSIONS, type DimensionCode } from '../scoring/model/capability-model';
import type { Unit } from '../units/entities/unit.entity';
import { round1, round2 } from './report-scope';

/** The competency report's shapes and the pure steps that turn query rows into them (no database). */

export const articleLabel = (n: number) => `第${toChineseNumber(n)}条`;
export const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export interface Tiles {
  /** null: the unit did not exist in the period (no figures, not 0). */
  officers: number | null;
  coverage: number | null;
  passRate: number | null;
  meanCapability: number | null;
  overdueOfficers: number;
}
export interface DimensionValue {
  code: DimensionCode;
  label: string;
  value: number | null;
  target: number;
}
export interface RankingRow {
  unitId: string;
  unitName: string;
  own: boolean;
  officers: number;
  scored: number;
  meanScore: number | null;
  metRate: number | null;
  overdueOfficers: number;
}
export interface HeatCell {
  articleNo: number;
  unitId: string;
  correct: number;
  answers: number;
  share: number;
}
export interface OfficerRow {
  id: string;
  name: string;
  username: string;
  unitId: string;
  unitName: string;
  score: number | null;
  dimensions: Record<DimensionCode, number | null>;
  courseRate: number | null;
  attendanceRate: number | null;
  hours: number;
  overdue: number;
}

export interface HeatMap {
  articles: Array<{ articleNo: number; label: string; answers: number; share: number }>;
  units: Array<{ unitId: string; unitName: string }>;
  cells: HeatCell[];
}

/** The dashboard's costly parts, stored per (unit subtree, period) by ReportSnapshotService. */
export interface DashboardSnapshot {
  /** null: the unit did not exist in the period (unitExistedBy). */
  officers: number | null;
  indicators: IndicatorRow[];
  ranking: RankingRow[];
  /** The 50 weakest articles (the dashboard shows 15, the exports 50). */
  heatMap: HeatMap;
}

export interface ReportContext {
  unit: Unit;
  period: Period;
  params: Record<string, unknown>;
}

export function tilesOf(officers: number | null, indicators: IndicatorRow[], overdueOfficers: number): Tiles {
  const actual = (code: string) => indicators.find((r) => r.code === code)?.actual ?? null;
  return {
    officers,
    coverage: actual('TRAINING_COVERAGE'),
    passRate: actual('EXAM_PASS_RATE'),
    meanCapability: actual('CAPABILITY_AVG'),
    overdueOfficers,
  };
}

/** The `limit` weakest articles of a heat map (its articles are ordered weakest first). */
export function limitHeat(heat: HeatMap, limit: number): HeatMap {
  const articles = heat.articles.slice(0, limit);
  const kept = new Set(articles.map((a) => a.articleNo));
  return { articles, units: heat.units, cells: heat.cells.filter((c) => kept.has(c.articleNo)) };
}

export function dimensionsOf(indicators: IndicatorRow[]): DimensionValue[] {
  return DIMENSIONS.map((d) => {
    const row = indicators.find((r) => r.code === `DIM_${d.toUpperCase()}`);
    return { code: d, label: DIMENSION_LABELS[d], value: row?.actual ?? null, target: row?.target ?? 70 };
  });
}

export function toOfficerRow(r: Record<string, unknown>): OfficerRow {
  const rate = (v: unknown) => (num(v) === null ? null : round1(100 * Number(v)));
  return {
    id: String(r.id),
    name: String(r.name),
    username: String(r.username),
    unitId: String(r.unitId),
    unitName: String(r.unitName),
    score: num(r.score) === null ? null : round1(Number(r.score)),
    dimensions: Object.fromEntries(DIMENSIONS.map((d) => [d, rate(r[`${d}Mastery`])])) as Record<
      DimensionCode,
      number | null
    >,
    courseRate: rate(r.courseRate),
    attendanceRate: rate(r.attendanceRate),
    hours: round2(toNumber(r.hours)),
    overdue: toNumber(r.overdue),
  };
}
