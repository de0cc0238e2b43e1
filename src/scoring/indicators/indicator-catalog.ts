import { DIMENSIONS, MODEL } from '../model/capability-model';

export type IndicatorCategory = '产出指标-数量' | '产出指标-质量' | '产出指标-时效' | '效益指标';

export interface IndicatorDef {
  code: string;
  name: string;
  category: IndicatorCategory;
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
  { code: 'TRAINING_COVERAGE', name: '培训覆盖率', category: '产出指标-数量', unit: '%', target: 100, source: 'platform' },
  { code: 'PARTICIPATION_RATE', name: '参训率', category: '产出指标-数量', unit: '%', target: 95, source: 'platform' },
  { code: 'CREDIT_HOURS_AVG', name: '人均学时', category: '产出指标-数量', unit: '学时', target: 12, source: 'platform' },
  { code: 'EXAM_PASS_RATE', name: '考核合格率', category: '产出指标-质量', unit: '%', target: 90, source: 'platform' },
  { code: 'ON_TIME_COMPLETION', name: '按期完成率', category: '产出指标-时效', unit: '%', target: 95, source: 'platform' },
  { code: 'CAPABILITY_AVG', name: '平均能力分', category: '效益指标', unit: '分', target: 75, source: 'platform' },
  { code: 'CAPABILITY_MET_RATE', name: '能力达标率', category: '效益指标', unit: '%', target: 90, source: 'platform' },
  ...DIMENSIONS.map((d) => ({ code: `DIM_${d.toUpperCase()}`, name: `${DIM_NAMES[d]}维度均分`, category: '效益指标' as const, unit: '分' as const, target: 70, source: 'platform' as const })),
  { code: 'TIMELY_ACCEPTANCE', name: '及时受理率', category: '产出指标-时效', unit: '%', target: 100, source: 'import' },
  { code: 'ON_TIME_CLOSURE', name: '按期办结率', category: '产出指标-时效', unit: '%', target: 100, source: 'import' },
  { code: 'SATISFACTION', name: '群众满意率', category: '效益指标', unit: '%', target: 95, source: 'import' },
];

export const indicatorByCode = new Map(INDICATORS.map((i) => [i.code, i]));
export const CAPABILITY_PASS_MARK = MODEL.passMark;
