import { badRequest, notFound } from '../common/errors/app-error';
import { invalid } from '../common/errors/common.errors';

/** Every error code reports/ throws, with the message people see. A code lives in exactly one catalogue. */
export const ReportErrors = {
  dimensionNotFound: () => notFound('REPORT.DIMENSION_NOT_FOUND', '没有这个能力维度'),
  articleNotFound: () => notFound('REPORT.ARTICLE_NOT_FOUND', '条例没有这一条'),
  weakSpotRequired: () =>
    badRequest(
      'REPORT.WEAK_SPOT_REQUIRED',
      '请选择一个条款（articleNo）或一个能力维度（dimension），二者选其一',
      { articleNo: 'one_of', dimension: 'one_of' },
    ),
  courseNotSuggested: () =>
    badRequest(
      'REPORT.COURSE_NOT_SUGGESTED',
      '所选课程没有讲授这一条款或维度的课节：请从报告列出的课程中选择',
      { courseId: 'not_suggested' },
    ),
  nobodyBelowThreshold: (threshold: string | number, who: string | number) =>
    badRequest('REPORT.NOBODY_BELOW_THRESHOLD', `没有低于 ${threshold} 的${who}：调高阈值或换一个条款`, {
      threshold: 'none_below',
    }),
  tooManyOfficers: (limit: string | number) =>
    badRequest(
      'REPORT.TOO_MANY_OFFICERS',
      `低于阈值的干部超过 ${limit} 人：请改为按单位布置（target=units）`,
      { target: 'too_many' },
    ),
  thresholdRange: () => invalid('阈值应为 0 到 100 之间的数字', { threshold: 'range' }),
  yearInvalid: () =>
    badRequest('REPORT.YEAR_INVALID', '年度格式不对：写四位年份，例如 2026', { year: 'year_format' }),
} as const;
