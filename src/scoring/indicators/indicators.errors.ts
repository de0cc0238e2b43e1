import { AppError, badRequest, conflict, notFound, type FieldErrors } from '../../common/errors/app-error';

/** Every error code scoring/indicators throws, with the message people see. A code lives in exactly one catalogue. */
export const IndicatorErrors = {
  importInvalid: (problems: number, details: FieldErrors) =>
    new AppError(
      400,
      'INDICATOR.IMPORT_INVALID',
      `导入未执行：${problems} 处错误，请改正后重新导入全部数据`,
      details,
    ),
  notFound: (code: string) => notFound('INDICATOR.NOT_FOUND', `没有代码为 ${code} 的指标`),
  periodClosedNoRecompute: (period: string) =>
    conflict('INDICATOR.PERIOD_CLOSED', `统计期间 ${period} 已关账，指标不再重算`),
  periodClosed: (period: string) => conflict('INDICATOR.PERIOD_CLOSED', `统计期间 ${period} 已关账`),
  periodNotEnded: (period: string) =>
    conflict('INDICATOR.PERIOD_NOT_ENDED', `统计期间 ${period} 尚未结束，结束后才能关账`),
  periodNotClosed: (period: string) =>
    conflict('INDICATOR.PERIOD_NOT_CLOSED', `统计期间 ${period} 没有关账，无需重新打开`),
  reopenReasonRequired: () =>
    badRequest('INDICATOR.REOPEN_REASON_REQUIRED', '请填写重新打开的原因（例如：补录了漏记的考试成绩）', {
      reason: 'required',
    }),
  targetUnitNotFound: () =>
    notFound('INDICATOR.TARGET_UNIT_NOT_FOUND', '目标值所指的单位不存在，请从单位列表中选择'),
  periodInvalid: (field: string) =>
    badRequest('INDICATOR.PERIOD_INVALID', '统计期间格式不对：年度写 2026，季度写 2026-Q2，月份写 2026-05', {
      [field]: 'period_format',
    }),
} as const;
