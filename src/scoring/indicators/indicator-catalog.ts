import { DIMENSIONS, MODEL } from '../model/capability-model';

export type IndicatorCategory = '产出指标-数量' | '产出指标-质量' | '产出指标-时效' | '效益指标';

/** 一级指标 and 二级指标 of the 绩效评价 table; the indicator itself is the 三级指标. */
export type IndicatorLevel2 = '数量指标' | '质量指标' | '时效指标' | '社会效益指标' | '满意度指标';

export interface IndicatorDef {
  code: string;
  name: string;
  category: IndicatorCategory;
  level2: IndicatorLevel2;
  /** 分值: the points this indicator weighs in the table (all of them sum to 100). */
  points: number;
  unit: '%' | '学时' | '分';
  /** Default target (admins override it, PUT /api/indicators/targets/:code). */
  target: number;
  /** platform: computed here; import: another system's figure loaded from CSV. */
  source: 'platform' | 'import';
}

const DIM_NAMES: Record<string, string> = {
  prevention: '预防法治化',
  acceptance: '受理法治化',
  handling: '办理法治化',
  supervision: '监督追责法治化',
  order: '维护秩序法治化',
};

/** The indicator table in the bureau's 绩效评价 format; definitions in docs/scoring.md. */
export const INDICATORS: IndicatorDef[] = [
  {
    code: 'TRAINING_COVERAGE',
    level2: '数量指标',
    points: 10,
    name: '培训覆盖率',
    category: '产出指标-数量',
    unit: '%',
    target: 100,
    source: 'platform',
  },
  {
    code: 'PARTICIPATION_RATE',
    level2: '数量指标',
    points: 10,
    name: '参训率',
    category: '产出指标-数量',
    unit: '%',
    target: 95,
    source: 'platform',
  },
  {
    code: 'CREDIT_HOURS_AVG',
    level2: '数量指标',
    points: 5,
    name: '人均学时',
    category: '产出指标-数量',
    unit: '学时',
    target: 12,
    source: 'platform',
  },
  {
    code: 'HOURS_MET_RATE',
    level2: '数量指标',
    points: 5,
    name: '学时达标率',
    category: '产出指标-数量',
    unit: '%',
    target: 100,
    source: 'platform',
  },
  // 考核合格率 in two: course quizzes and the annual exam (EXAM_PASS_RATE keeps its code for reports and stored values).
  {
    code: 'EXAM_PASS_RATE',
    level2: '质量指标',
    points: 5,
    name: '课程测验合格率',
    category: '产出指标-质量',
    unit: '%',
    target: 90,
    source: 'platform',
  },
  {
    code: 'ANNUAL_EXAM_PASS_RATE',
    level2: '质量指标',
    points: 5,
    name: '年度考试合格率',
    category: '产出指标-质量',
    unit: '%',
    target: 90,
    source: 'platform',
  },
  {
    code: 'ON_TIME_COMPLETION',
    level2: '时效指标',
    points: 10,
    name: '按期完成率',
    category: '产出指标-时效',
    unit: '%',
    target: 95,
    source: 'platform',
  },
  {
    code: 'CAPABILITY_AVG',
    level2: '社会效益指标',
    points: 10,
    name: '平均能力分',
    category: '效益指标',
    unit: '分',
    target: 75,
    source: 'platform',
  },
  {
    code: 'CAPABILITY_MET_RATE',
    level2: '社会效益指标',
    points: 10,
    name: '能力达标率',
    category: '效益指标',
    unit: '%',
    target: 90,
    source: 'platform',
  },
  ...DIMENSIONS.map((d) => ({
    code: `DIM_${d.toUpperCase()}`,
    level2: '社会效益指标' as const,
    points: 2,
    name: `${DIM_NAMES[d]}维度均分`,
    category: '效益指标' as const,
    unit: '分' as const,
    target: 70,
    source: 'platform' as const,
  })),
  {
    code: 'TIMELY_ACCEPTANCE',
    level2: '时效指标',
    points: 5,
    name: '及时受理率',
    category: '产出指标-时效',
    unit: '%',
    target: 100,
    source: 'import',
  },
  {
    code: 'ON_TIME_CLOSURE',
    level2: '时效指标',
    points: 5,
    name: '按期办结率',
    category: '产出指标-时效',
    unit: '%',
    target: 100,
    source: 'import',
  },
  {
    code: 'SATISFACTION',
    level2: '满意度指标',
    points: 10,
    name: '群众满意率',
    category: '效益指标',
    unit: '%',
    target: 95,
    source: 'import',
  },
];

/** 一级指标 from the category (产出指标-数量 → 产出指标). */
export const level1Of = (def: IndicatorDef): string => def.category.split('-')[0];

/**
 * 得分 (docs/scoring.md): full 分值 when the actual meets the target, otherwise in proportion
 * (分值 × actual / target), rounded to 0.01; no data, no score (the table says 无数据).
 */
export function scoreOf(points: number, target: number, actual: number | null): number | null {
  if (actual === null) return null;
  if (target <= 0 || actual >= target) return points;
  return Math.round(((points * Math.max(actual, 0)) / target) * 100) / 100;
}

export const indicatorByCode = new Map(INDICATORS.map((i) => [i.code, i]));
export const CAPABILITY_PASS_MARK = MODEL.passMark;
