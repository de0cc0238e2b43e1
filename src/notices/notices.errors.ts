import { AppError, badRequest, notFound } from '../common/errors/app-error';

/** Every error code notices/ throws, with the message people see. A code lives in exactly one catalogue. */
export const NoticeErrors = {
  unknownUsernames: (missing: string | number) =>
    badRequest('NOTICE.UNKNOWN_USER', `找不到这些用户名：${missing}`, { userIds: 'not_found' }),
  noTargets: () => badRequest('NOTICE.NO_TARGETS', '请至少选择一个单位、角色或人员', { targets: 'required' }),
  unknownUnit: () => badRequest('NOTICE.UNKNOWN_UNIT', '所选单位不存在', { unitIds: 'not_found' }),
  unknownUser: () => badRequest('NOTICE.UNKNOWN_USER', '所选人员不存在', { userIds: 'not_found' }),
  unknownSession: () => badRequest('NOTICE.UNKNOWN_SESSION', '关联的培训不存在', { sessionId: 'not_found' }),
  notFound: () => notFound('NOTICE.NOT_FOUND', '通知不存在'),
  notReceived: () => notFound('NOTICE.NOT_FOUND', '通知不存在或不是发给您的'),
  queueUnavailable: () =>
    new AppError(503, 'NOTICE.QUEUE_UNAVAILABLE', '提醒任务暂时无法排队（队列服务不可用），请稍后再试'),
} as const;
