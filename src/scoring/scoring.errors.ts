import { AppError, notFound } from '../common/errors/app-error';

/** Every error code scoring/ (capability, runs) throws, with the message people see. A code lives in exactly one catalogue. */
export const ScoringErrors = {
  capabilityNotApplicable: () => notFound('CAPABILITY.NOT_APPLICABLE', '能力分只为信访干部计算'),
  queueUnavailable: () => new AppError(503, 'SCORING.QUEUE_UNAVAILABLE', '评分队列暂不可用，请稍后再试'),
  runNotFound: () => notFound('SCORING.RUN_NOT_FOUND', '评分任务不存在'),
} as const;
