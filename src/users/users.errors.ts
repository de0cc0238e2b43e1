import { AppError, badRequest, notFound } from '../common/errors/app-error';
import { invalid } from '../common/errors/common.errors';
import type { ImportProblem } from './import/user-csv.parser';

/** Every error code users/ throws, with the message people see. A code lives in exactly one catalogue. */
export const UserErrors = {
  importInvalid: (errors: ImportProblem[]) =>
    new AppError(400, 'USER_IMPORT.INVALID', `导入文件有 ${errors.length} 处问题，未导入任何用户`, errors),
  importEnded: () =>
    new AppError(409, 'USER_IMPORT.ENDED', '导入已被标记为中断，未导入任何用户，请重新提交文件'),
  importNotFound: () => notFound('USER_IMPORT.NOT_FOUND', '导入任务不存在'),
  importQueueUnavailable: () =>
    new AppError(503, 'USER_IMPORT.QUEUE_UNAVAILABLE', '任务队列暂不可用，未导入任何用户，请稍后重新提交'),
  usernameTaken: () =>
    new AppError(409, 'USER.USERNAME_TAKEN', '用户名已被使用', { username: 'username_taken' }),
  passwordRejected: (problem: string) => invalid('密码不符合要求', { password: problem }),
  selfLockout: (who: string) =>
    badRequest('USER.SELF_LOCKOUT', '不能停用自己或取消自己的管理员角色', { [who]: 'self_lockout' }),
  unitNotFound: () => badRequest('USER.UNIT_NOT_FOUND', '所选单位不存在', { unitId: 'not_found' }),
  unitRetired: () =>
    badRequest('USER.UNIT_RETIRED', '所选单位已撤销，请选择在用的单位', { unitId: 'retired' }),
} as const;
