import { AppError, badRequest, conflict, notFound } from '../common/errors/app-error';

/** Every error code notices/ throws, with the message people see. A code lives in exactly one catalogue. */
export const NoticeErrors = {
  unknownUsernames: (missing: string | number) =>
    badRequest('NOTICE.UNKNOWN_USER', `找不到这些用户名：${missing}`, { userIds: 'not_found' }),
  noTargets: () =>
    badRequest('NOTICE.NO_TARGETS', '请选择发送范围：勾选单位、填写指定人员，或勾选「全局」发给全局人员', {
      targets: 'required',
    }),
  /** Roles alone reach the whole bureau: only when 全局 is ticked on purpose (a form default sent to 31 officers). */
  wholeBureauNotChosen: () =>
    badRequest(
      'NOTICE.SCOPE_REQUIRED',
      '发送范围未选：只选角色会发给全局该角色的所有人员，请勾选单位或指定人员，或明确勾选「全局」',
      { targets: 'required' },
    ),
  unknownUnit: () => badRequest('NOTICE.UNKNOWN_UNIT', '所选单位不存在', { unitIds: 'not_found' }),
  unknownUser: () => badRequest('NOTICE.UNKNOWN_USER', '所选人员不存在', { userIds: 'not_found' }),
  unknownSession: () => badRequest('NOTICE.UNKNOWN_SESSION', '关联的培训不存在', { sessionId: 'not_found' }),
  notFound: () => notFound('NOTICE.NOT_FOUND', '通知不存在'),
  notReceived: () => notFound('NOTICE.NOT_FOUND', '通知不存在或不是发给您的'),
  withdrawn: () => conflict('NOTICE.WITHDRAWN', '该通知已撤回，不能再提醒或撤回'),
  remindCooldown: (last: string, next: string) =>
    conflict('NOTICE.REMIND_COOLDOWN', `已于 ${last} 提醒过未读人员，请在 ${next} 之后再次提醒`),
  queueUnavailable: () =>
    new AppError(503, 'NOTICE.QUEUE_UNAVAILABLE', '提醒任务暂时无法排队（队列服务不可用），请稍后再试'),
} as const;
