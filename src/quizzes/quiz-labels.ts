import type { GradingMethod, ReviewShow, ReviewWhen } from '../content/quiz/quiz-definition';

const GRADING: Record<GradingMethod, string> = {
  highest: '取最高分',
  last: '取最后一次',
  first: '取第一次',
  average: '取平均分',
};
const WHEN: Record<ReviewWhen, string> = {
  immediately: '交卷后即可查看',
  'after-close': '考试结束后（或作答次数用完后）可查看',
  never: '只显示得分',
};
const SHOW: Record<ReviewShow, string> = {
  full: '所选答案、正确答案和解析',
  chosen: '所选答案及对错',
  score: '只显示得分',
};
const TYPES: Record<string, string> = { single: '单选题', multiple: '多选题', truefalse: '判断题' };

export const gradingLabel = (m: GradingMethod): string => GRADING[m] ?? m;
export const reviewLabel = (when: ReviewWhen, show: ReviewShow): string =>
  when === 'never' || show === 'score' ? '只显示得分' : `${WHEN[when]}：${SHOW[show]}`;
export const typeLabel = (t: string): string => TYPES[t] ?? t;
